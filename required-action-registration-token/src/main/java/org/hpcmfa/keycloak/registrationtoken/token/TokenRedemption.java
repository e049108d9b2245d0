package org.hpcmfa.keycloak.registrationtoken.token;

import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialModel;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Checking and spending a registration token. Spending is atomic across the cluster: the first request to
 * claim the token's entry in Keycloak's single-use store wins, every other concurrent request sees it used;
 * the credential then records the use in the database, which also survives a restart of the whole cluster.
 */
public final class TokenRedemption {

    static final String USED_KEY_PREFIX = "hpc-registration-token:used:";

    public enum Check {
        /** The input is the user's token, unused and unexpired. */
        VALID,
        /** The input is the user's token, but it was used before. */
        ALREADY_USED,
        /** The input is the user's token, but past its expiry. */
        EXPIRED,
        /** The user has no token, or the input is not it. */
        NO_MATCH
    }

    private final KeycloakSession session;
    private final RegistrationTokenCredentialProvider credentials;

    public TokenRedemption(KeycloakSession session, RegistrationTokenCredentialProvider credentials) {
        this.session = session;
        this.credentials = credentials;
    }

    /** Compares first, so someone without the token learns nothing about its state. */
    public Check check(UserModel user, String input, long now) {
        Optional<RegistrationTokenCredentialModel> token = credentials.current(user);
        String canonical = RegistrationTokens.normalize(input);
        if (token.isEmpty() || canonical == null || !SecretHash.matches(canonical, token.get().getHash())) {
            return Check.NO_MATCH;
        }
        if (token.get().isUsed()) {
            return Check.ALREADY_USED;
        }
        return token.get().isExpired(now) ? Check.EXPIRED : Check.VALID;
    }

    /** Spends the user's current token; false if another request (on any node) spent it first. */
    public boolean spend(UserModel user, long now) {
        Optional<RegistrationTokenCredentialModel> token = credentials.current(user);
        if (token.isEmpty() || token.get().isUsed()) {
            return false;
        }
        long lifespan = Math.max(60, token.get().getExpiresAt() - now);
        if (!session.singleUseObjects().putIfAbsent(USED_KEY_PREFIX + token.get().getId(), lifespan)) {
            return false;
        }
        user.credentialManager().updateStoredCredential(token.get().markedUsed(now));
        return true;
    }

    /** True while the user holds a token that still opens a login. */
    public boolean holdsUsableToken(UserModel user, long now) {
        return credentials.current(user).map(t -> !t.isUsed() && !t.isExpired(now)).orElse(false);
    }
}
