package org.hpcmfa.keycloak.sshcert.self;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.keycloak.models.UserSessionModel;

/**
 * The "Your SSH certificates" page's guard against cross-site requests: Keycloak's identity cookie travels with a
 * cross-site POST, so the revoke form carries a random value only the server and its own pages know. Drawn once per
 * user session (256 bits) and kept in a note of that session, so any node of a cluster checks it; never derived
 * from the session id, which every relying party sees as {@code sid}. Compared in constant time.
 */
final class PageToken {

    static final String NOTE = "hpc-ssh-certificates.page-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PageToken() {
    }

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

    /** True only when the session has a token and {@code sent} is it; never creates one. */
    static boolean matches(UserSessionModel userSession, String sent) {
        String token = userSession.getNote(NOTE);
        return token != null && !token.isEmpty() && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
