package org.hpcmfa.keycloak.emailotp;

import org.hpcmfa.keycloak.common.codes.CodeConditions;
import org.hpcmfa.keycloak.emailotp.credential.EmailCodeCredentialProvider;
import org.keycloak.events.Details;

import static org.hpcmfa.keycloak.common.events.EventErrors.Capability.EMAIL_CODE;

/**
 * What the email code authenticator writes into Keycloak events. Sending shows up as SEND_VERIFY_EMAIL(_ERROR)
 * events, checking as LOGIN_ERROR events of the login; none of them contains a code.
 */
public final class EmailCodeEvents {

    public static final String TYPE = EmailCodeCredentialProvider.TYPE;

    public static final String CREDENTIAL_TYPE = Details.CREDENTIAL_TYPE;
    public static final String EMAIL = Details.EMAIL;
    public static final String RETRY_AFTER = org.hpcmfa.keycloak.common.codes.CodeSender.RETRY_AFTER;
    public static final String ATTEMPTS_LEFT = org.hpcmfa.keycloak.common.codes.CodeLoginStep.ATTEMPTS_LEFT;

    public static final String ERROR_COOLDOWN = EMAIL_CODE.error(CodeConditions.RESEND_COOLDOWN);
    public static final String ERROR_HOURLY_LIMIT = EMAIL_CODE.error(CodeConditions.HOURLY_LIMIT);
    public static final String ERROR_TOO_MANY_ATTEMPTS = EMAIL_CODE.error(CodeConditions.TOO_MANY_ATTEMPTS);
    public static final String ERROR_NO_CODE = EMAIL_CODE.error(CodeConditions.NOT_REQUESTED);
    public static final String ERROR_DOMAIN_NOT_ALLOWED = EMAIL_CODE.error("address_not_allowed");

    private EmailCodeEvents() {
    }
}
