package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The phone's answer, after its signature was verified: what an attacker with a valid signature still cannot do
 * (answer twice, answer another challenge, answer late, guess the number, get a second code).
 */
class PhoneAnswersTest {

    private static final long NOW = 100;
    private static final PhoneAnswers.Answer ACCEPT = new PhoneAnswers.Answer(false, null, null);
    private static final PhoneAnswers.Answer NOT_ME = new PhoneAnswers.Answer(true, null, null);

    private final ConcurrentStore store = new ConcurrentStore();
    private final Challenges challenges = new Challenges(store, "realm");
    private final PhoneAnswers answers = new PhoneAnswers(challenges);

    private Challenges.Open open(String serial, String nonce, String userId, ApprovalMode mode, String number) {
        challenges.open(serial, new Challenges.Open(nonce, "{}", NOW + 120, number, userId, mode,
                mode == ApprovalMode.CODE_TO_PHONE ? "Type it" : null), 125);
        return challenges.current(serial, NOW).orElseThrow();
    }

    private static PhoneAnswers.Answer picked(String number) {
        return new PhoneAnswers.Answer(false, null, number);
    }

    @Test
    void theRightNumberApprovesAndTheChallengeIsNoLongerServed() {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.NUMBER_MATCHING, "42");
        assertEquals(PushOutcome.APPROVED, answers.record(open, picked("42"), NOW).orElseThrow().outcome());
        assertEquals(Optional.of(PushOutcome.APPROVED), challenges.outcome("N1"));
        assertTrue(challenges.current("S1", NOW).isEmpty(), "answered: no longer offered to the phone");
    }

    @Test
    void aWrongNumberVoidsTheRequestAndTheRightOneCannotFollow() {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.NUMBER_MATCHING, "42");
        assertEquals(PushOutcome.WRONG_NUMBER, answers.record(open, picked("17"), NOW).orElseThrow().outcome());
        assertTrue(answers.record(open, picked("42"), NOW).isEmpty(), "one pick per request: no second guess");
        assertEquals(Optional.of(PushOutcome.WRONG_NUMBER), challenges.outcome("N1"));
    }

    @Test
    void aReplayedAnswerChangesNothing() {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.APPROVE_ONLY, null);
        assertTrue(answers.record(open, NOT_ME, NOW).isPresent());
        assertTrue(answers.record(open, ACCEPT, NOW).isEmpty(), "a captured Accept replayed after 'not me'");
        assertTrue(answers.record(open, NOT_ME, NOW).isEmpty(), "the same answer twice counts once");
        assertEquals(Optional.of(PushOutcome.DECLINED), challenges.outcome("N1"));
    }

    @Test
    void anAnswerNamingAnotherChallengeFindsNothingToAnswer() {
        open("S1", "N1", "alice", ApprovalMode.APPROVE_ONLY, null);
        open("S2", "N2", "bob", ApprovalMode.APPROVE_ONLY, null);
        assertTrue(challenges.openFor("S1", "N2", NOW).isEmpty(), "alice's phone answering bob's challenge");
        assertTrue(challenges.openFor("S2", "N1", NOW).isEmpty(), "bob's phone answering alice's challenge");
        assertTrue(challenges.openFor("S3", "N1", NOW).isEmpty(), "a serial without a challenge");
        assertEquals("N1", challenges.openFor("S1", "N1", NOW).orElseThrow().nonce());
        assertEquals("N1", challenges.openFor("S1", null, NOW).orElseThrow().nonce(), "apps that send no nonce");
    }

    @Test
    void anAnswerForAnOlderChallengeOfTheSamePhoneIsRefused() {
        open("S1", "N1", "alice", ApprovalMode.APPROVE_ONLY, null);
        open("S1", "N2", "alice", ApprovalMode.APPROVE_ONLY, null);
        assertTrue(challenges.openFor("S1", "N1", NOW).isEmpty(), "a new request replaces the old one");
    }

    @Test
    void anExpiredChallengeCannotBeAnswered() {
        open("S1", "N1", "alice", ApprovalMode.APPROVE_ONLY, null);
        assertTrue(challenges.openFor("S1", "N1", NOW + 119).isPresent());
        assertTrue(challenges.openFor("S1", "N1", NOW + 120).isEmpty(), "at the deadline");
        store.now = NOW + 200;
        assertTrue(challenges.openFor("S1", "N1", NOW + 200).isEmpty(), "gone from the store");
    }

    @Test
    void aDiscardIsCancelledAndNotMeIsDeclined() {
        Challenges.Open first = open("S1", "N1", "alice", ApprovalMode.NUMBER_MATCHING, "42");
        assertEquals(PushOutcome.CANCELLED,
                answers.record(first, new PhoneAnswers.Answer(true, "cancelled", null), NOW).orElseThrow().outcome());
        Challenges.Open second = open("S2", "N2", "alice", ApprovalMode.NUMBER_MATCHING, "42");
        assertEquals(PushOutcome.DECLINED, answers.record(second, NOT_ME, NOW).orElseThrow().outcome());
    }

    @Test
    void codeToPhoneAcceptShowsOneCodeOnceThatOnlyTheTypedCodeCompletes() {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.CODE_TO_PHONE, null);
        PhoneAnswers.Recorded shown = answers.record(open, ACCEPT, NOW).orElseThrow();
        assertEquals(PushOutcome.CODE_SHOWN, shown.outcome());
        assertTrue(shown.displayCode().matches("\\d{2}"), shown.displayCode());
        assertTrue(answers.record(open, ACCEPT, NOW).isEmpty(), "a replayed Accept gets no second code");
        assertEquals(Challenges.CodeCheck.ACCEPTED, challenges.checkCode("N1", shown.displayCode(), NOW + 10));
    }

    @Test
    void codeToPhoneNotMeIsADeclineWithoutACode() {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.CODE_TO_PHONE, null);
        PhoneAnswers.Recorded recorded = answers.record(open, NOT_ME, NOW).orElseThrow();
        assertEquals(PushOutcome.DECLINED, recorded.outcome());
        assertNull(recorded.displayCode());
        assertEquals(Challenges.CodeCheck.NOT_SHOWN, challenges.checkCode("N1", "00", NOW));
    }

    @Test
    void twentyAnswersAtTheSameMomentRecordExactlyOne() throws Exception {
        Challenges.Open open = open("S1", "N1", "alice", ApprovalMode.APPROVE_ONLY, null);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<PhoneAnswers.Recorded>>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PhoneAnswers.Answer answer = i % 2 == 0 ? ACCEPT : NOT_ME;
                results.add(pool.submit(() -> {
                    start.await();
                    return answers.record(open, answer, NOW);
                }));
            }
            start.countDown();
            List<PushOutcome> recorded = new ArrayList<>();
            for (Future<Optional<PhoneAnswers.Recorded>> result : results) {
                result.get().ifPresent(r -> recorded.add(r.outcome()));
            }
            assertEquals(1, recorded.size(), "recorded: " + recorded);
            assertEquals(Optional.of(recorded.get(0)), challenges.outcome("N1"), "the stored outcome is the winner's");
        } finally {
            pool.shutdownNow();
        }
    }
}
