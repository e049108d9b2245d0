package org.hpcmfa.keycloak.passwordotp;

import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Checks a code with Keycloak's own OTP credential provider, so its rules apply unchanged: the realm's OTP policy
 * and look-around window, HOTP counters, and TOTP replay protection through the single-use store. The form cannot
 * ask which of several authenticator apps the code came from, so each of the user's OTP credentials is tried.
 */
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

    static boolean valid(UserModel user, String code) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList().stream()
                .anyMatch(c -> user.credentialManager().isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, code)));
    }
}
