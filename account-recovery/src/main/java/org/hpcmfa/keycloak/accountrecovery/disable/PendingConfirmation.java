package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.Arrays;
import java.util.List;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The facts of an opened confirmation link, kept in the authentication session between the page (GET) and the
 * button (POST): the link's single-use key, its validity and expiry, and the credential ids it is bound to.
 * Only {@link DisableMfaActionTokenHandler} writes them, after Keycloak verified the link's signature, so their
 * presence is what puts {@link DisableMfaAction} into "confirm" mode. Authentication-session notes are
 * replicated, so GET and POST may reach different cluster nodes.
 */
record PendingConfirmation(String singleUseKey, String tokenId, long validUntil, long expiresAt,
        List<String> credentialIds) {

    private static final String PREFIX = "hpc-disable-mfa.link.";
    static final String KEY = PREFIX + "key";
    private static final String TOKEN_ID = PREFIX + "id";
    private static final String VALID_UNTIL = PREFIX + "until";
    private static final String EXPIRES_AT = PREFIX + "exp";
    private static final String CREDENTIALS = PREFIX + "credentials";

    static void store(AuthenticationSessionModel authSession, DisableMfaActionToken token) {
        authSession.setAuthNote(KEY, token.serializeKey());
        authSession.setAuthNote(TOKEN_ID, token.getId());
        authSession.setAuthNote(VALID_UNTIL, Long.toString(token.getValidUntil()));
        authSession.setAuthNote(EXPIRES_AT, Long.toString(token.getExp()));
        authSession.setAuthNote(CREDENTIALS, String.join(",", token.getCredentialIds()));
    }

    /** The opened link of this authentication session, or null when the action runs as a request. */
    static PendingConfirmation of(AuthenticationSessionModel authSession) {
        String key = authSession.getAuthNote(KEY);
        if (key == null) {
            return null;
        }
        String ids = authSession.getAuthNote(CREDENTIALS);
        return new PendingConfirmation(key, authSession.getAuthNote(TOKEN_ID),
                Long.parseLong(authSession.getAuthNote(VALID_UNTIL)),
                Long.parseLong(authSession.getAuthNote(EXPIRES_AT)),
                ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")));
    }

    boolean isPastValidity(long now) {
        return now > validUntil;
    }

    /** How long the single-use mark must live: until Keycloak itself would refuse the link. */
    long markLifespanSeconds(long now) {
        return Math.max(1, expiresAt - now);
    }
}
