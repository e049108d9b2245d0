package org.hpcmfa.keycloak.emailotp.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class MailThrottleTest {

    /** Keycloak's single-use store reduced to its contract: entries with a lifespan, atomic putIfAbsent. */
    static final class ClockedStore implements SingleUseObjectProvider {
        record Entry(long expiresAt, Map<String, String> notes) {
        }

        final Map<String, Entry> entries = new HashMap<>();
        long now;

        private Entry live(String key) {
            Entry e = entries.get(key);
            if (e != null && e.expiresAt() <= now) {
                entries.remove(key);
                return null;
            }
            return e;
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, new Entry(now + lifespanSeconds, notes));
        }

        @Override
        public Map<String, String> get(String key) {
            Entry e = live(key);
            return e == null ? null : e.notes();
        }

        @Override
        public Map<String, String> remove(String key) {
            Entry e = live(key);
            entries.remove(key);
            return e == null ? null : e.notes();
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            Entry e = live(key);
            if (e == null) {
                return false;
            }
            entries.put(key, new Entry(e.expiresAt(), notes));
            return true;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            if (live(key) != null) {
                return false;
            }
            put(key, lifespanInSeconds, Map.of());
            return true;
        }

        @Override
        public boolean contains(String key) {
            return live(key) != null;
        }

        @Override
        public void close() {
        }
    }

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
