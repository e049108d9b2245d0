package org.hpcmfa.keycloak.registrationtoken.login;

/**
 * What the portal form's password field is called on the page: what it takes, as the authenticator is configured (a
 * registration token always; an authenticator code and a recovery code when accepted). The hpc-mfa login theme shows
 * it as the field's label; other themes keep Keycloak's "Password".
 */
public final class PortalSecretLabel {

    /** The form attribute the hpc-mfa theme's login.ftl reads: a message key. */
    public static final String ATTRIBUTE = "hpcSecretLabel";

    private static final String PREFIX = "required-action-registration-token.secretLabel.";

    private PortalSecretLabel() {
    }

    public static String messageKey(OneTimeSecretConfig config) {
        if (config.acceptTotp()) {
            return PREFIX + (config.acceptRecoveryCodes() ? "tokenCodeOrRecovery" : "tokenOrCode");
        }
        return PREFIX + (config.acceptRecoveryCodes() ? "tokenOrRecovery" : "token");
    }
}
