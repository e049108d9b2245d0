package org.hpcmfa.keycloak.registrationtoken.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RegistrationTokensTest {

    @Test
    void tokensAreGroupedCrockfordBase32WithEightyBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String token = RegistrationTokens.generate();
            assertTrue(token.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), token);
            seen.add(token);
        }
        assertEquals(500, seen.size());
        assertEquals(32, RegistrationTokens.ALPHABET.length());
        assertTrue(RegistrationTokens.LENGTH * 5 >= 80, "entropy in bits");
    }

    @Test
    void typingIsForgiving() {
        assertEquals("7KQ2M9XD4HTF8WPA", RegistrationTokens.normalize("7KQ2-M9XD-4HTF-8WPA"));
        assertEquals("7KQ2M9XD4HTF8WPA", RegistrationTokens.normalize(" 7kq2 m9xd 4htf 8wpa "));
        assertEquals("0110000000000000", RegistrationTokens.normalize("OILo-0000-0000-0000"), "O reads 0, I and L read 1");
    }

    @Test
    void whatCannotBeATokenIsNotOne() {
        assertNull(RegistrationTokens.normalize("123456"), "a TOTP code");
        assertNull(RegistrationTokens.normalize("7KQ2-M9XD-4HTF-8WP"), "too short");
        assertNull(RegistrationTokens.normalize("7KQ2-M9XD-4HTF-8WPU"), "U is not in the alphabet");
        assertNull(RegistrationTokens.normalize(null));
    }
}
