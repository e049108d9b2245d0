package org.hpcmfa.keycloak.common.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendThrottleTest {

    private final ClockedStore store = new ClockedStore();

    private SendThrottle throttle(int cooldown, int perHour) {
        return new SendThrottle(store, "hpc-email-otp", "realm", "user", cooldown, perHour);
    }

    /** Claims and, when granted, sends: what EmailCodeSender does with a working mail server. */
    private SendThrottle.Verdict claimAt(SendThrottle throttle, long now) {
        store.now = now;
        SendThrottle.Claim claim = throttle.claim((int) now);
        if (claim.verdict() == SendThrottle.Verdict.GRANTED) {
            throttle.confirmSent((int) now);
        }
        return claim.verdict();
    }

    @Test
    void cooldownBlocksUntilItEnds() {
        SendThrottle throttle = throttle(30, 10);
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 1000));
        store.now = 1010;
        SendThrottle.Claim blocked = throttle.claim(1010);
        assertEquals(SendThrottle.Verdict.COOLDOWN, blocked.verdict());
        assertEquals(20, blocked.retryAfterSeconds());
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 1030));
    }

    @Test
    void hourlyCapIsARollingWindow() {
        SendThrottle throttle = throttle(0, 3);
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 0));
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 600));
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 1200));
        assertEquals(SendThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle, 3599));
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 3600), "the first mail is an hour old");
        assertEquals(SendThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle, 4000));
    }

    @Test
    void theCapIsSharedByEveryThrottleOfTheSameUser() {
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle(0, 2), 0));
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle(0, 2), 1));
        assertEquals(SendThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle(0, 2), 2));
        assertEquals(SendThrottle.Verdict.GRANTED,
                claimAt(new SendThrottle(store, "hpc-email-otp", "realm", "someone-else", 0, 2), 3));
    }

    @Test
    void aFailedSendGivesTheSlotBackAndStartsNoCooldown() {
        SendThrottle throttle = throttle(30, 1);
        store.now = 0;
        SendThrottle.Claim claim = throttle.claim(0);
        throttle.release(claim);
        assertEquals(0, throttle.cooldownRemaining(1));
        assertEquals(SendThrottle.Verdict.GRANTED, claimAt(throttle, 1));
    }
}
