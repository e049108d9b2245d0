package org.hpcmfa.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretHashTest {

    @Test
    void hashIsSaltedAndMatchesOnlyTheSecret() {
        String first = SecretHash.hash("123456");
        String second = SecretHash.hash("123456");
        assertNotEquals(first, second, "same secret, same hash: no salt");
        assertFalse(first.contains("123456"));
        assertTrue(SecretHash.matches("123456", first));
        assertTrue(SecretHash.matches("123456", second));
        assertFalse(SecretHash.matches("123457", first));
        assertFalse(SecretHash.matches("", first));
    }

    @Test
    void malformedInputNeverThrows() {
        String hash = SecretHash.hash("secret");
        assertFalse(SecretHash.matches(null, hash));
        assertFalse(SecretHash.matches("secret", null));
        assertFalse(SecretHash.matches("secret", "no-colon"));
        assertFalse(SecretHash.matches("secret", "***:***"));
    }
}
