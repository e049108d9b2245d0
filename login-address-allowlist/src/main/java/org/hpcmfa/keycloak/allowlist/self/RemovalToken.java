package org.hpcmfa.keycloak.allowlist.self;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.keycloak.models.UserSessionModel;

/**
 * The page's guard against cross-site requests: Keycloak's identity cookie is sent with cross-site POSTs, so the
 * remove form carries a random value that only the server and the pages it rendered for this session know. It is
 * drawn once per user session and kept in a note of that session (replicated or persisted with it, so any node of
 * a cluster checks it); it is never derived from the session's id, which every token of the realm carries as
 * {@code sid} and so every relying party knows. Compared in constant time.
 */
final class RemovalToken {

    static final String NOTE = "hpc-login-addresses.removal-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RemovalToken() {
    }

    /** The session's token, drawn (256 random bits) the first time the page is shown in this session. */
    static String of(UserSessionModel userSession) {
        String token = userSession.getNote(NOTE);
        if (token == null || token.isEmpty()) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            userSession.setNote(NOTE, token);
        }
        return token;
    }

    /** True only when the session has a token and {@code sent} is that token; never creates one. */
    static boolean matches(UserSessionModel userSession, String sent) {
        String token = userSession.getNote(NOTE);
        return token != null && !token.isEmpty() && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
