package org.hpcmfa.keycloak.sms.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void numbersAreReadAsPeopleWriteThemInInternationalForm() {
        assertEquals("+32470123456", PhoneNumber.parse("+32 470 12 34 56").orElseThrow().e164());
        assertEquals("+32470123456", PhoneNumber.parse("0032 (470) 12-34.56").orElseThrow().e164());
        assertEquals("+14165550199", PhoneNumber.parse(" +1 416-555-0199 ").orElseThrow().e164());
    }

    @Test
    void nationalOrMalformedNumbersAreRefusedNotGuessed() {
        for (String bad : new String[] {null, "", "0470123456", "+0470123456", "+32 470 12 34 56 78 90 12",
                "+32abc123456", "+123", "+32470123456\n+32470000000", "tel:+32470123456"}) {
            assertFalse(PhoneNumber.parse(bad).isPresent(), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("0470123456"));
    }

    @Test
    void theMaskShowsTheCountryAndTheLastTwoDigitsOnly() {
        String masked = PhoneNumber.parse("+32470123456").orElseThrow().masked();
        assertEquals("+32 *** *** 56", masked);
        assertTrue(!masked.contains("4701234"));
    }
}
