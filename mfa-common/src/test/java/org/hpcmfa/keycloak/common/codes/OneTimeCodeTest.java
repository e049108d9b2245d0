package org.hpcmfa.keycloak.common.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

    @Test
    void codesHaveTheRequestedNumberOfDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = OneTimeCode.generate(8);
            assertTrue(code.matches("\\d{8}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 190, "codes repeat too often: " + seen.size());
        assertTrue(OneTimeCode.generate(6).matches("\\d{6}"));
    }

    @Test
    void inputIsNormalizedTheWayPeopleTypeCodes() {
        assertEquals("123456", OneTimeCode.normalize(" 123 456 "));
        assertEquals("123456", OneTimeCode.normalize("123-456"));
    }
}
