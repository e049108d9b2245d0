package org.hpcmfa.keycloak.registrationtoken.login;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.totp.OtpCredentials;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;

/**
 * Checks a TOTP code or a recovery code with Keycloak's own credential providers, so their rules apply
 * unchanged: the realm's OTP policy and look-around window, TOTP replay protection, one use per recovery code.
 */
final class OneTimeSecrets {

    private OneTimeSecrets() {
    }

    /** The credential type that accepted the secret, or null. */
    static String validate(KeycloakSession session, RealmModel realm, UserModel user, String secret,
            OneTimeSecretConfig config) {
        String trimmed = secret.trim();
        if (config.acceptTotp() && OtpCredentials.accept(user, trimmed)) {
            return CredentialTypes.OTP;
        }
        // Recovery codes are shown grouped with dashes; Keycloak's own recovery-code form drops them the same way.
        if (config.acceptRecoveryCodes()
                && user.credentialManager().isConfiguredFor(CredentialTypes.RECOVERY_CODES)
                && user.credentialManager().isValid(UserCredentialModel.buildFromBackupAuthnCode(
                        trimmed.replace("-", "").replaceAll("\\s", "")))) {
            return CredentialTypes.RECOVERY_CODES;
        }
        return null;
    }
}
