package org.hpcmfa.keycloak.registrationtoken;

import java.util.Set;

import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/**
 * The second factors that count as permanent: what a registration token must lead to, and what makes a user
 * "already enrolled". Email codes and recovery codes are not among them: they back a factor up, they do
 * not replace one.
 */
public final class PermanentFactors {

    /** The push module's credential type, named here so this module does not depend on that one. */
    public static final String PUSH_TYPE = "hpc-push";

    public static final Set<String> TYPES = Set.of(OTPCredentialModel.TYPE, PUSH_TYPE,
            WebAuthnCredentialModel.TYPE_TWOFACTOR, WebAuthnCredentialModel.TYPE_PASSWORDLESS);

    private PermanentFactors() {
    }

    public static boolean hasAny(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> TYPES.contains(c.getType()));
    }
}
