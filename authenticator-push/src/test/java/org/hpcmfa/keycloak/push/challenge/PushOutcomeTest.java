package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a verified answer means, and the stored names that nodes of two versions share. */
class PushOutcomeTest {

    @Test
    void theStoredNamesNeverChange() {
        // A rolling upgrade: a node of the previous version reads what this one stored, and the other way round.
        Map<PushOutcome, String> names = Map.of(PushOutcome.APPROVED, "approved", PushOutcome.DECLINED, "declined",
                PushOutcome.CANCELLED, "cancelled", PushOutcome.WRONG_NUMBER, "wrong_number",
                PushOutcome.CODE_SHOWN, "code_shown");
        assertEquals(PushOutcome.values().length, names.size());
        names.forEach((outcome, name) -> {
            assertEquals(name, outcome.storedName());
            assertEquals(Optional.of(outcome), PushOutcome.fromStored(name));
        });
    }

    @Test
    void anUnknownStoredNameIsNoAnswer() {
        assertTrue(PushOutcome.fromStored("APPROVED").isEmpty(), "names are exact");
        assertTrue(PushOutcome.fromStored("").isEmpty());
        assertTrue(PushOutcome.fromStored(null).isEmpty());
    }

    @Test
    void aDeclineIsNotMeUnlessThePersonDiscardedTheirOwnRequest() {
        assertEquals(PushOutcome.DECLINED, PushOutcome.of(true, null, "42", null));
        assertEquals(PushOutcome.DECLINED, PushOutcome.of(true, "", null, null));
        assertEquals(PushOutcome.DECLINED, PushOutcome.of(true, "anything", null, null), "only the app's discard");
        assertEquals(PushOutcome.CANCELLED, PushOutcome.of(true, "cancelled", "42", "17"));
    }

    @Test
    void anAcceptMustCarryTheNumberThePageShowed() {
        assertEquals(PushOutcome.APPROVED, PushOutcome.of(false, null, "42", "42"));
        assertEquals(PushOutcome.WRONG_NUMBER, PushOutcome.of(false, null, "42", "17"));
        assertEquals(PushOutcome.WRONG_NUMBER, PushOutcome.of(false, null, "42", null), "no number is no match");
        assertEquals(PushOutcome.WRONG_NUMBER, PushOutcome.of(false, null, "42", " 42"), "compared exactly");
        assertEquals(PushOutcome.APPROVED, PushOutcome.of(false, null, null, null), "approve-only: Accept alone");
    }
}
