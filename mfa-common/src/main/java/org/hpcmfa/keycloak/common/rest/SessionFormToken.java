package org.hpcmfa.keycloak.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.keycloak.models.UserSessionModel;

/**
 * A self-service page's guard against cross-site requests: Keycloak's identity cookie is sent with cross-site
 * POSTs, so the page's forms carry a random value that only the server and the pages it rendered for this session
 * know. It is drawn once per user session and kept in a note of that session (replicated or persisted with it, so
 * any node of a cluster checks it); it is never derived from the session's id, which every token of the realm
 * carries as {@code sid} and so every relying party knows. Compared in constant time. Each page names its own
 * note, so a token of one page is no token of another.
 */
public final class SessionFormToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String note;

    public SessionFormToken(String note) {
        this.note = note;
    }

    /** The session's token, drawn (256 random bits) the first time the page is shown in this session. */
    public String of(UserSessionModel userSession) {
        String token = userSession.getNote(note);
        if (token == null || token.isEmpty()) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            userSession.setNote(note, token);
        }
        return token;
    }

    /** True only when the session has a token and {@code sent} is that token; never creates one. */
    public boolean matches(UserSessionModel userSession, String sent) {
        String token = userSession.getNote(note);
        return token != null && !token.isEmpty() && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
