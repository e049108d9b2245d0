package org.hpcmfa.keycloak.recoverycodes.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.credential.dto.RecoveryAuthnCodeRepresentation;

class RecoveryCodeSetTest {

    private static final List<String> CODES = List.of("AAAABBBBCCC1", "AAAABBBBCCC2", "AAAABBBBCCC3", "ZZZZYYYYXXX9");

    private static RecoveryCodeSet set() {
        return new RecoveryCodeSet(CODES.size(), IntStream.range(0, CODES.size())
                .mapToObj(i -> new RecoveryAuthnCodeRepresentation(i + 1, RecoveryCodeHashes.encoded(CODES.get(i))))
                .toList());
    }

    @Test
    void anyCodeInAnyOrderOnce() {
        RecoveryCodeSet set = set();
        assertEquals(OptionalInt.of(4), set.find("ZZZZ-YYYY-XXX9"), "the last code first");
        set = set.without(4);
        assertEquals(OptionalInt.empty(), set.find("ZZZZYYYYXXX9"), "a used code is gone");
        assertEquals(OptionalInt.of(2), set.find("aaaa-bbbb-ccc2"), "lower case and dashes");
        set = set.without(2);
        assertEquals(2, set.remaining());
        assertEquals(OptionalInt.of(1), set.find(" AAAA BBBB CCC1 "));
        assertEquals(4, set.total());
    }

    @Test
    void wrongEmptyAndBrokenStoredValuesMatchNothing() {
        assertEquals(OptionalInt.empty(), set().find("AAAABBBBCCC4"));
        assertEquals(OptionalInt.empty(), set().find(""));
        assertEquals(OptionalInt.empty(), set().find(null));
        RecoveryCodeSet broken = new RecoveryCodeSet(1, List.of(new RecoveryAuthnCodeRepresentation(1, "not base64 !")));
        assertEquals(OptionalInt.empty(), broken.find("AAAABBBBCCC1"));
    }

    @Test
    void theHashIsKeycloaks() {
        // SHA-512 of the code, Base64: what Keycloak's RecoveryAuthnCodesUtils stores for "ABC".
        assertEquals("OXEY/ayNg62YgTxQdZyFuMR1Zdgmi/ENpIMVO3R6dHQ6WKkOhaqfcFzmmE/8Eo21Z0iYF+QJLQUNihzFlt3BGQ==",
                RecoveryCodeHashes.encoded("ABC"));
    }

    @Test
    void formatAndFileName() {
        assertEquals("ABCD-EFGH-1234", RecoveryCodeFormat.display("ABCDEFGH1234"));
        assertEquals("ABCDEFGH1234", RecoveryCodeFormat.normalise("abcd-efgh 1234"));
        assertTrue(RecoveryCodeFormat.looksLikeCode("ABCDEFGH1234"));
        assertFalse(RecoveryCodeFormat.looksLikeCode("123456"), "a TOTP code is not a recovery code");
        assertFalse(RecoveryCodeFormat.looksLikeCode("12345678"), "nor is an 8-digit one");
        assertFalse(RecoveryCodeFormat.looksLikeCode(""));
        assertEquals("jm_University_of_Toronto_recovery_codes.txt",
                RecoveryCodeFormat.fileName("jm", "University of Toronto"));
        assertEquals("___.._recovery_codes.txt", RecoveryCodeFormat.fileName("", "/.."),
                "no path separator, never an empty part");
    }

    @Test
    void generatedCodesAreDistinctKeycloakShapedAndInTheAskedNumber() {
        List<String> codes = RecoveryCodeGenerator.generate(8);
        assertEquals(8, codes.size());
        assertEquals(8, codes.stream().distinct().count());
        codes.forEach(code -> assertTrue(code.matches("[A-Z0-9]{12}"), code));
    }

    @Test
    void settingsDefaultsAndRanges() {
        assertEquals(new RecoveryCodeSettings(12, 3), RecoveryCodeSettings.from(java.util.Map.of()));
        assertEquals(new RecoveryCodeSettings(8, 3), RecoveryCodeSettings.from(java.util.Map.of("count", " 8 ")));
        assertEquals(new RecoveryCodeSettings(4, 3), RecoveryCodeSettings.from(java.util.Map.of("count", "1")));
        assertEquals(new RecoveryCodeSettings(50, 3), RecoveryCodeSettings.from(java.util.Map.of("count", "999")));
        assertEquals(new RecoveryCodeSettings(12, 3), RecoveryCodeSettings.from(java.util.Map.of("count", "x")));
        assertEquals(new RecoveryCodeSettings(4, 3), RecoveryCodeSettings.from(java.util.Map.of("count", "4", "warn-at", "9")));
        assertTrue(new RecoveryCodeSettings(8, 3).low(3));
        assertFalse(new RecoveryCodeSettings(8, 3).low(4));
    }
}
