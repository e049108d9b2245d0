package org.hpcmfa.keycloak.common.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.codes.CodeChallenge.Outcome;
import org.junit.jupiter.api.Test;

class CodeChallengeTest {

    private final Map<String, String> notes = new HashMap<>();
    private final ClockedStore store = new ClockedStore();

    /** Two handles on the same login, as two concurrent requests (or two cluster nodes) would have. */
    private CodeChallenge challenge() {
        return new CodeChallenge(store, CodeNotes.of(notes), "hpc-email-otp");
    }

    @Test
    void aCodeWorksOnceAndOnlyBeforeItExpires() {
        CodeChallenge challenge = challenge();
        assertEquals(Outcome.NO_CODE, challenge.check("123456", 0, 5));
        challenge.issue("123456", 100, 600);
        assertTrue(challenge.hasCode());
        assertFalse(notes.containsValue("123456"), "the plain code must not be stored");

        assertEquals(Outcome.VALID, challenge.check(" 123 456 ", 200, 5));
        assertEquals(Outcome.NO_CODE, challenge.check("123456", 201, 5), "a used code works again");

        challenge.issue("654321", 1000, 600);
        assertEquals(Outcome.EXPIRED, challenge.check("654321", 1600, 5));
    }

    @Test
    void aCodeDiesAfterTheAllowedWrongTries() {
        CodeChallenge challenge = challenge();
        challenge.issue("123456", 0, 600);
        assertEquals(Outcome.WRONG, challenge.check("000000", 1, 3));
        assertEquals(2, challenge.attemptsLeft(3));
        assertEquals(Outcome.WRONG, challenge.check(null, 1, 3));
        assertEquals(Outcome.WRONG, challenge.check("000001", 1, 3));
        assertEquals(0, challenge.attemptsLeft(3));
        assertEquals(Outcome.DEAD, challenge.check("123456", 2, 3));

        challenge.issue("777777", 3, 600);
        assertEquals(Outcome.VALID, challenge.check("777777", 4, 3), "a new code starts with fresh tries");
    }

    @Test
    void theSameCodeSubmittedTwiceAtOnceLogsInOnlyOnce() {
        CodeChallenge first = challenge();
        first.issue("123456", 0, 600);
        Map<String, String> snapshot = new HashMap<>(notes);
        assertEquals(Outcome.VALID, first.check("123456", 1, 5));

        // The second request read the notes before the first one cleared them.
        notes.putAll(snapshot);
        assertEquals(Outcome.NO_CODE, challenge().check("123456", 1, 5));
    }

    @Test
    void damagedNotesNeverMakeACodeEasierToUse() {
        CodeChallenge challenge = challenge();
        challenge.issue("123456", 0, 600);
        notes.put("hpc-email-otp.failures", "garbage");
        assertEquals(Outcome.DEAD, challenge.check("123456", 1, 5));

        challenge.issue("123456", 0, 600);
        notes.put("hpc-email-otp.expires-at", "garbage");
        assertEquals(Outcome.EXPIRED, challenge.check("123456", 1, 5));
    }
}
