package org.hpcmfa.keycloak.common.factors;

import java.util.Set;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.models.UserModel;

/**
 * The second factors that count as permanent: what a registration token must lead to, and what makes a user
 * "already enrolled". A phone proven for SMS codes is one (it is enrolled and proven, unlike an address). Email codes and recovery codes are not among them: they back a factor up, they do
 * not replace one. Shared: the registration-token module enrols them, account-recovery counts and removes them.
 */
public final class PermanentFactors {

    public static final Set<String> TYPES = Set.of(CredentialTypes.OTP, CredentialTypes.PUSH, CredentialTypes.WEBAUTHN,
            CredentialTypes.PASSKEY, CredentialTypes.SMS);

    private PermanentFactors() {
    }

    public static boolean hasAny(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> TYPES.contains(c.getType()));
    }
}
