package org.hpcmfa.keycloak.sms;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.codes.CodeConditions;

import static org.hpcmfa.keycloak.common.events.EventErrors.Capability.SMS_CODE;

/**
 * What the SMS module writes into Keycloak events. Checking a code shows up in the login's LOGIN_ERROR events, a
 * refused or failed send as an error of the step it belongs to (LOGIN_ERROR, CUSTOM_REQUIRED_ACTION_ERROR,
 * UPDATE_CREDENTIAL_ERROR); none contains a code, and the phone number only masked.
 */
public final class SmsEvents {

    public static final String TYPE = CredentialTypes.SMS;
    public static final String PHONE = "phone";

    public static final String ERROR_COOLDOWN = SMS_CODE.error(CodeConditions.RESEND_COOLDOWN);
    public static final String ERROR_HOURLY_LIMIT = SMS_CODE.error(CodeConditions.HOURLY_LIMIT);
    public static final String ERROR_TOO_MANY_ATTEMPTS = SMS_CODE.error(CodeConditions.TOO_MANY_ATTEMPTS);
    public static final String ERROR_NO_CODE = SMS_CODE.error(CodeConditions.NOT_REQUESTED);
    public static final String ERROR_SEND_FAILED = SMS_CODE.error("send_failed");
    public static final String ERROR_INVALID_PHONE = SMS_CODE.error("invalid_phone");

    private SmsEvents() {
    }
}
