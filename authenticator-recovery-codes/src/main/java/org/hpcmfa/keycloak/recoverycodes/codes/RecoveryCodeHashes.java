package org.hpcmfa.keycloak.recoverycodes.codes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Keycloak's hash of a recovery code, as its {@code RecoveryAuthnCodesUtils} computes and compares it: SHA-512 of
 * the code's UTF-8 bytes, stored in Base64. Repeated here so the pure logic can be unit-tested without Keycloak's
 * crypto provider; the integration tests check codes Keycloak itself generated.
 */
public final class RecoveryCodeHashes {

    private RecoveryCodeHashes() {
    }

    public static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", impossible);
        }
    }

    public static String encoded(String code) {
        return Base64.getEncoder().encodeToString(hash(code));
    }

    /** Constant time in the stored hash; a stored value that is not Base64 matches nothing. */
    public static boolean matches(byte[] typedHash, String encodedStored) {
        byte[] stored;
        try {
            stored = Base64.getMimeDecoder().decode(encodedStored);
        } catch (IllegalArgumentException broken) {
            return false;
        }
        return MessageDigest.isEqual(typedHash, stored);
    }
}
