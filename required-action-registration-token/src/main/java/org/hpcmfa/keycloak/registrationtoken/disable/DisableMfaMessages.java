package org.hpcmfa.keycloak.registrationtoken.disable;

/** The message keys of "Disable two-factor login" that Java code names (the themes module defines them). */
final class DisableMfaMessages {

    static final String LINK_INVALID = "required-action-registration-token.disableMfaLinkInvalid";
    static final String LINK_EXPIRED = "required-action-registration-token.disableMfaLinkExpired";
    static final String LINK_USED = "required-action-registration-token.disableMfaLinkUsed";
    static final String LINK_EMAIL_CHANGED = "required-action-registration-token.disableMfaLinkEmailChanged";
    static final String FACTORS_GONE = "required-action-registration-token.disableMfaFactorsGone";
    static final String UNAVAILABLE = "required-action-registration-token.disableMfaUnavailable";
    static final String SEND_FAILED = "required-action-registration-token.disableMfaSendFailed";
    static final String MAIL_SUBJECT = "required-action-registration-token.disableMfaMailSubject";

    private DisableMfaMessages() {
    }
}
