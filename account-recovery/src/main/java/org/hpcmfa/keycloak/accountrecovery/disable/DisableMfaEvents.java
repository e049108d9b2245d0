package org.hpcmfa.keycloak.accountrecovery.disable;

import static org.hpcmfa.keycloak.common.events.EventErrors.Capability.ACCOUNT_RECOVERY;

import org.keycloak.events.Errors;

/**
 * What "Disable two-factor login" writes into Keycloak events. Mailing the link is a SEND_VERIFY_EMAIL event,
 * the removal a REMOVE_CREDENTIAL event with reason {@value #REASON}; refusals are the matching _ERROR events,
 * named by mfa-common's {@link org.hpcmfa.keycloak.common.events.EventErrors} scheme (Keycloak's name where it has
 * one, else {@code account_recovery_<condition>}). No event contains the link.
 */
public final class DisableMfaEvents {

    /** Value of the {@code reason} detail. */
    public static final String REASON = "user_disabled_mfa";
    /** Types of the removed credentials, comma-separated, sorted. */
    public static final String REMOVED = "removed_credentials";
    /** Types of second factors enrolled after the link was mailed, which the link leaves alone. */
    public static final String KEPT = "kept_credentials";
    /** Types of the second factors the mailed link is bound to. */
    public static final String BOUND = "credential_types";
    public static final String LINK_VALID_MINUTES = "link_valid_minutes";

    public static final String ERROR_NO_SECOND_FACTOR = ACCOUNT_RECOVERY.error("no_second_factor");
    public static final String ERROR_NO_EMAIL = ACCOUNT_RECOVERY.error("no_email");
    public static final String ERROR_EMAIL_NOT_VERIFIED = ACCOUNT_RECOVERY.error("email_not_verified");
    public static final String ERROR_NOT_ENABLED = ACCOUNT_RECOVERY.error("not_enabled");
    public static final String ERROR_LINK_USED = ACCOUNT_RECOVERY.error("link_used");
    public static final String ERROR_LINK_EXPIRED = Errors.EXPIRED_CODE;
    public static final String ERROR_EMAIL_CHANGED = Errors.INVALID_EMAIL;
    public static final String ERROR_FACTORS_GONE = ACCOUNT_RECOVERY.error("factors_gone");
    public static final String ERROR_SEND_FAILED = Errors.EMAIL_SEND_FAILED;

    private DisableMfaEvents() {
    }
}
