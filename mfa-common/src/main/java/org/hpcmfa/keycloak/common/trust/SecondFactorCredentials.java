package org.hpcmfa.keycloak.common.trust;

import java.util.Set;

import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.keycloak.models.UserModel;

/**
 * The stored credentials that make a second factor: TOTP/HOTP, push phones, security keys and passkeys, and
 * recovery codes. The password is a first factor; email codes store no secret (only an opt-in) and do not count
 * for certificates by default, so a user left with only them has lost their last second factor.
 */
public final class SecondFactorCredentials {

    /** {@link SecondFactors#TYPES}: what a lost-phone reset or "Disable two-factor login" removes. */
    public static final Set<String> TYPES = SecondFactors.TYPES;

    private SecondFactorCredentials() {
    }

    public static boolean hasAny(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> TYPES.contains(c.getType()));
    }
}
