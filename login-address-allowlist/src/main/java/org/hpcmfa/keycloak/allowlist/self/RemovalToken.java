package org.hpcmfa.keycloak.allowlist.self;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.keycloak.models.UserSessionModel;

/**
 * The page's guard against cross-site requests: Keycloak's identity cookie is sent with cross-site POSTs, so the
 * remove form carries a value only a page of this session can know, derived from the session's id (which never
 * leaves the server in clear). Compared in constant time.
 */
final class RemovalToken {

    private static final String PURPOSE = "hpc-login-addresses.remove:";

    private RemovalToken() {
    }

    static String of(UserSessionModel userSession) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((PURPOSE + userSession.getId()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static boolean matches(UserSessionModel userSession, String sent) {
        return sent != null && MessageDigest.isEqual(of(userSession).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
