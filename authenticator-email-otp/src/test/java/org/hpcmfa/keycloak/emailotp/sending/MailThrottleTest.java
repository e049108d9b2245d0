package org.hpcmfa.keycloak.emailotp.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hpcmfa.keycloak.emailotp.ClockedStore;
import org.junit.jupiter.api.Test;

class MailThrottleTest {

    private final ClockedStore store = new ClockedStore();

    private MailThrottle throttle(int cooldown, int perHour) {
        return new MailThrottle(store, "realm", "user", cooldown, perHour);
    }

    /** Claims and, when granted, sends: what EmailCodeSender does with a working mail server. */
    private MailThrottle.Verdict claimAt(MailThrottle throttle, long now) {
        store.now = now;
        MailThrottle.Claim claim = throttle.claim((int) now);
        if (claim.verdict() == MailThrottle.Verdict.GRANTED) {
            throttle.confirmSent((int) now);
        }
        return claim.verdict();
    }

    @Test
    void cooldownBlocksUntilItEnds() {
        MailThrottle throttle = throttle(30, 10);
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 1000));
        store.now = 1010;
        MailThrottle.Claim blocked = throttle.claim(1010);
        assertEquals(MailThrottle.Verdict.COOLDOWN, blocked.verdict());
        assertEquals(20, blocked.retryAfterSeconds());
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 1030));
    }

    @Test
    void hourlyCapIsARollingWindow() {
        MailThrottle throttle = throttle(0, 3);
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 0));
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 600));
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 1200));
        assertEquals(MailThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle, 3599));
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 3600), "the first mail is an hour old");
        assertEquals(MailThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle, 4000));
    }

    @Test
    void theCapIsSharedByEveryThrottleOfTheSameUser() {
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle(0, 2), 0));
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle(0, 2), 1));
        assertEquals(MailThrottle.Verdict.HOURLY_LIMIT, claimAt(throttle(0, 2), 2));
        assertEquals(MailThrottle.Verdict.GRANTED,
                claimAt(new MailThrottle(store, "realm", "someone-else", 0, 2), 3));
    }

    @Test
    void aFailedSendGivesTheSlotBackAndStartsNoCooldown() {
        MailThrottle throttle = throttle(30, 1);
        store.now = 0;
        MailThrottle.Claim claim = throttle.claim(0);
        throttle.release(claim);
        assertEquals(0, throttle.cooldownRemaining(1));
        assertEquals(MailThrottle.Verdict.GRANTED, claimAt(throttle, 1));
    }
}
