package org.hpcmfa.keycloak.emailotp.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Numeric one-time codes and their salted hashes. The plain code exists only in the mail and in the user's
 * input; what the server keeps is {@code salt:sha256(salt || code)}, compared in constant time.
 */
public final class OneTimeCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    private OneTimeCode() {
    }

    public static String generate(int digits) {
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    public static String hash(String code) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return b64.encodeToString(salt) + ":" + b64.encodeToString(digest(salt, code));
    }

    public static boolean matches(String candidate, String storedHash) {
        if (candidate == null || storedHash == null) {
            return false;
        }
        int colon = storedHash.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(storedHash.substring(0, colon));
            byte[] expected = Base64.getDecoder().decode(storedHash.substring(colon + 1));
            return MessageDigest.isEqual(expected, digest(salt, candidate));
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
    }

    /** What people type: spaces, dashes and dots between digit groups are not part of the code. */
    public static String normalize(String input) {
        return input == null ? null : input.replaceAll("[\\s.\\-]", "");
    }

    private static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
