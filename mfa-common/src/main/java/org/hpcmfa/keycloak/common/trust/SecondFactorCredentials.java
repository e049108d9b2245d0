package org.hpcmfa.keycloak.common.trust;

import java.util.Set;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.models.UserModel;

/**
 * The stored credentials that make a second factor: TOTP/HOTP, push phones, security keys and passkeys, and
 * recovery codes. The password is a first factor; email codes store no secret (only an opt-in) and do not count
 * for certificates by default, so a user left with only them has lost their last second factor.
 */
public final class SecondFactorCredentials {

    public static final Set<String> TYPES = Set.of(CredentialTypes.OTP, CredentialTypes.PUSH, CredentialTypes.WEBAUTHN,
            CredentialTypes.PASSKEY, CredentialTypes.RECOVERY_CODES);

    private SecondFactorCredentials() {
    }

    public static boolean hasAny(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> TYPES.contains(c.getType()));
    }
}
