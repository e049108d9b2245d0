package org.hpcmfa.keycloak.common.totp;

import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * A typed TOTP/HOTP code checked by Keycloak's own OTP credential provider, so its rules apply unchanged: the
 * realm's OTP policy and look-around window, HOTP counters, and replay protection through the single-use store.
 * A page cannot ask which of several authenticator apps the code came from, so each OTP credential is tried.
 */
public final class OtpCredentials {

    private OtpCredentials() {
    }

    public static boolean accept(UserModel user, String code) {
        // A list first: a successful check may update the credential (HOTP counter) while we iterate.
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList().stream()
                .anyMatch(c -> user.credentialManager().isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, code)));
    }
}
