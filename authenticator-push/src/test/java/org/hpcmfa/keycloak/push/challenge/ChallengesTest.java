package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;
import org.junit.jupiter.api.Test;

/** Challenges in the shared store: one answer each, and for code-to-phone one try at the code. */
class ChallengesTest {

    private final ConcurrentStore store = new ConcurrentStore();
    private final Challenges challenges = new Challenges(store, "realm");

    private void open(String serial, String nonce, ApprovalMode mode) {
        challenges.open(serial, new Challenges.Open(nonce, "{}", 1000, null, "user", mode,
                mode == ApprovalMode.CODE_TO_PHONE ? "Type it" : null), 2000);
    }

    private void showCode(String nonce, String code) {
        assertTrue(challenges.answer(nonce, new Challenges.Outcome(PushOutcome.CODE_SHOWN, SecretHash.hash(code), 220), 600));
    }

    @Test
    void theModeAndCodeTextTravelWithTheChallenge() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        Challenges.Open current = challenges.current("S1", 100).orElseThrow();
        assertEquals(ApprovalMode.CODE_TO_PHONE, current.mode());
        assertEquals("Type it", current.codeMessage());
    }

    @Test
    void theRightCodeIsAcceptedOnceAndAReplayIsRefused() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        showCode("N1", "42");
        assertEquals(Optional.empty(), challenges.current("S1", 100), "no longer served to the phone");
        assertEquals(Challenges.CodeCheck.ACCEPTED, challenges.checkCode("N1", "42", 150));
        assertEquals(Challenges.CodeCheck.USED, challenges.checkCode("N1", "42", 151));
    }

    @Test
    void aWrongCodeSpendsTheOnlyTry() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        showCode("N1", "42");
        assertEquals(Challenges.CodeCheck.WRONG, challenges.checkCode("N1", "24", 150));
        assertEquals(Challenges.CodeCheck.USED, challenges.checkCode("N1", "42", 151), "no second guess");
    }

    @Test
    void aLateCodeOrOneWithoutAnAcceptIsRefused() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        assertEquals(Challenges.CodeCheck.NOT_SHOWN, challenges.checkCode("N1", "42", 150), "not accepted yet");
        showCode("N1", "42");
        assertEquals(Challenges.CodeCheck.EXPIRED, challenges.checkCode("N1", "42", 220));
        open("S2", "N2", ApprovalMode.NUMBER_MATCHING);
        assertTrue(challenges.answer("N2", PushOutcome.APPROVED, 600));
        assertEquals(Challenges.CodeCheck.NOT_SHOWN, challenges.checkCode("N2", "42", 150),
                "an approval of another mode has no code");
    }

    @Test
    void aChallengeIsAnsweredOnlyOnce() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        showCode("N1", "42");
        assertFalse(challenges.answer("N1", new Challenges.Outcome(PushOutcome.CODE_SHOWN, SecretHash.hash("07"), 220), 600),
                "a replayed accept makes no second code");
        assertFalse(challenges.answer("N1", PushOutcome.DECLINED, 600));
        assertEquals(Challenges.CodeCheck.ACCEPTED, challenges.checkCode("N1", "42", 150));
    }

    @Test
    void theFirstAnswerOfALoginsPhonesDecides() {
        open("S1", "N1", ApprovalMode.NUMBER_MATCHING);
        open("S2", "N2", ApprovalMode.NUMBER_MATCHING);
        assertEquals(Optional.empty(), challenges.firstOutcome("N1,N2"));
        assertTrue(challenges.answer("N2", PushOutcome.APPROVED, 600));
        assertEquals(Optional.of(PushOutcome.APPROVED), challenges.firstOutcome("N1,N2"), "the second phone answered");
    }

    @Test
    void theChallengeShowingACodeIsFoundAmongTheLoginsPhones() {
        open("S1", "N1", ApprovalMode.CODE_TO_PHONE);
        open("S2", "N2", ApprovalMode.CODE_TO_PHONE);
        assertEquals(Optional.empty(), challenges.showingCode("N1,N2"));
        showCode("N2", "42");
        assertEquals(Optional.of("N2"), challenges.showingCode("N1,N2"));
        assertEquals(Challenges.CodeCheck.NOT_SHOWN, challenges.checkCode("N1", "42", 150), "the code is N2's alone");
    }

    @Test
    void anUnreadableStoredOutcomeIsNoAnswer() {
        open("S1", "N1", ApprovalMode.APPROVE_ONLY);
        store.put("hpc-push:result:N1", 600, java.util.Map.of("outcome", "APPROVED"));
        assertEquals(Optional.empty(), challenges.outcome("N1"), "never read as an approval");
    }

    @Test
    void theSameSerialInAnotherRealmIsAnotherChallenge() {
        open("S1", "N1", ApprovalMode.APPROVE_ONLY);
        assertEquals(Optional.empty(), new Challenges(store, "other-realm").current("S1", 100));
    }

    @Test
    void aChallengeIsServedUntilItsDeadlineOnly() {
        open("S1", "N1", ApprovalMode.APPROVE_ONLY);
        assertTrue(challenges.current("S1", 999).isPresent());
        assertEquals(Optional.empty(), challenges.current("S1", 1000));
    }
}
