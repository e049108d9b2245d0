package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The waiting page learns "answered yet or not" by its token, and nothing more. */
class LoginWatchTest {

    private final ConcurrentStore store = new ConcurrentStore();
    private final Challenges challenges = new Challenges(store, "realm");
    private final LoginWatch watch = new LoginWatch(store, "realm");

    @Test
    void pendingUntilAnyPhoneAnswers() {
        watch.watch("W", List.of("N1", "N2"), 180);
        assertEquals(LoginWatch.State.PENDING, watch.state("W"));
        challenges.answer("N2", PushOutcome.DECLINED, 300);
        assertEquals(LoginWatch.State.ANSWERED, watch.state("W"), "the second phone answered");
    }

    @Test
    void everyAnswerLooksTheSameToThePage() {
        for (PushOutcome outcome : PushOutcome.values()) {
            String nonce = "N-" + outcome;
            watch.watch("W-" + outcome, List.of(nonce), 180);
            challenges.answer(nonce, outcome, 300);
            assertEquals(LoginWatch.State.ANSWERED, watch.state("W-" + outcome), outcome.name());
        }
    }

    @Test
    void anUnknownMissingOrExpiredTokenIsUnknown() {
        assertEquals(LoginWatch.State.UNKNOWN, watch.state("guessed"));
        assertEquals(LoginWatch.State.UNKNOWN, watch.state(null));
        watch.watch("W", List.of("N1"), 180);
        assertEquals(LoginWatch.State.UNKNOWN, new LoginWatch(store, "other-realm").state("W"), "another realm's token");
        store.now += 180;
        assertEquals(LoginWatch.State.UNKNOWN, watch.state("W"));
    }

    @Test
    void everyStateButPendingEndsTheWaitingUnderItsWireName() {
        assertEquals(List.of("answered", "unknown"), LoginWatch.State.endingWireNames());
        assertEquals("pending", LoginWatch.State.PENDING.wireName());
    }
}
