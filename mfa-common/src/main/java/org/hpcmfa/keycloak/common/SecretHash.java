package org.hpcmfa.keycloak.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted SHA-256 of short-lived, high-entropy or rate-limited secrets (email codes, registration tokens), in the
 * form {@code base64(salt):base64(sha256(salt || secret))}, compared in constant time. Passwords are not for
 * this class: they need Keycloak's slow password hashing.
 */
public final class SecretHash {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    private SecretHash() {
    }

    public static String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return b64.encodeToString(salt) + ":" + b64.encodeToString(digest(salt, secret));
    }

    /** False for any malformed input; never throws on what a user or a damaged record supplies. */
    public static boolean matches(String candidate, String stored) {
        if (candidate == null || stored == null) {
            return false;
        }
        int colon = stored.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(stored.substring(0, colon));
            byte[] expected = Base64.getDecoder().decode(stored.substring(colon + 1));
            return MessageDigest.isEqual(expected, digest(salt, candidate));
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
    }

    /**
     * Whether two short secrets (codes) are equal, in time that does not depend on where they differ. A null never
     * equals anything.
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
