package org.hpcmfa.keycloak.accountrecovery.disable;

/** The message keys of "Disable two-factor login" that Java code names (the themes module defines them, prefix {@code account-recovery.}). */
final class DisableMfaMessages {

    static final String LINK_INVALID = "account-recovery.disableMfaLinkInvalid";
    static final String LINK_EXPIRED = "account-recovery.disableMfaLinkExpired";
    static final String LINK_USED = "account-recovery.disableMfaLinkUsed";
    static final String LINK_EMAIL_CHANGED = "account-recovery.disableMfaLinkEmailChanged";
    static final String FACTORS_GONE = "account-recovery.disableMfaFactorsGone";
    static final String UNAVAILABLE = "account-recovery.disableMfaUnavailable";
    static final String SEND_FAILED = "account-recovery.disableMfaSendFailed";
    static final String MAIL_SUBJECT = "account-recovery.disableMfaMailSubject";

    private DisableMfaMessages() {
    }
}
