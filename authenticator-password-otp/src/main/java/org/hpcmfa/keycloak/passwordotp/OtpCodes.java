package org.hpcmfa.keycloak.passwordotp;

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
}
