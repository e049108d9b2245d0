package org.hpcmfa.keycloak.passwordotp;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** The OTP field as the form reads it; the code itself is checked by {@code OtpCredentials} (mfa-common). */
final class OtpCodes {

    private OtpCodes() {
    }

    /** What a person may type: "123 456" is 123456. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "");
    }

    static boolean enrolled(UserModel user) {
        return user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }

    /**
     * A recovery code in the OTP field (letters and digits, never a TOTP code's digits only), checked by Keycloak's
     * credential manager: with the pack's recovery-code module installed any unused code works, once.
     */
    static boolean recoveryCodeAccepted(UserModel user, String code) {
        String compact = code.replace("-", "");
        return compact.length() >= 8 && !compact.chars().allMatch(Character::isDigit)
                && user.credentialManager().isConfiguredFor(CredentialTypes.RECOVERY_CODES)
                && user.credentialManager().isValid(UserCredentialModel.buildFromBackupAuthnCode(compact));
    }
}
