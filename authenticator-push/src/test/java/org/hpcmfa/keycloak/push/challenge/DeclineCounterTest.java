package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** "Not me" answers recorded by many nodes at the same moment are all counted, and lock exactly once. */
class DeclineCounterTest {

    private final ConcurrentStore store = new ConcurrentStore();

    /** {@code declines} declines at once (released together); how many of them reached the limit. */
    private int concurrently(DeclineCounter counter, int declines, int limit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(declines);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < declines; i++) {
                Callable<Boolean> decline = () -> {
                    start.await();
                    return counter.countAndReachLimit(limit);
                };
                results.add(pool.submit(decline));
            }
            start.countDown();
            int reached = 0;
            for (Future<Boolean> result : results) {
                reached += result.get() ? 1 : 0;
            }
            return reached;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyConcurrentDeclinesWithALimitOfTwentyLockExactlyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            DeclineCounter counter = new DeclineCounter(store, "user-" + round);
            assertEquals(1, concurrently(counter, 20, 20), "round " + round);
        }
    }

    @Test
    void twentyConcurrentDeclinesAreCountedExactly() throws Exception {
        DeclineCounter counter = new DeclineCounter(store, "exact");
        assertEquals(0, concurrently(counter, 20, 21), "20 of 21: no lock yet");
        assertTrue(counter.countAndReachLimit(21), "the 21st locks: not one of the 20 was lost");
    }

    @Test
    void moreDeclinesThanTheLimitStillLockOnlyOnceAtATime() throws Exception {
        DeclineCounter counter = new DeclineCounter(store, "burst");
        int locks = concurrently(counter, 20, 10);
        // 10 lock; the next 10 count anew after the lock and may lock once more, never more.
        assertTrue(locks == 1 || locks == 2, "locks: " + locks);
    }

    @Test
    void anApprovalStartsTheCountAgain() {
        DeclineCounter counter = new DeclineCounter(store, "reset");
        assertFalse(counter.countAndReachLimit(3));
        assertFalse(counter.countAndReachLimit(3));
        counter.reset();
        assertFalse(counter.countAndReachLimit(3));
        assertFalse(counter.countAndReachLimit(3));
        assertTrue(counter.countAndReachLimit(3));
        assertFalse(counter.countAndReachLimit(3), "after the lock the count starts again");
    }

    @Test
    void declinesOlderThanTheWindowNoLongerCount() {
        DeclineCounter counter = new DeclineCounter(store, "window");
        assertFalse(counter.countAndReachLimit(2));
        store.now += DeclineCounter.WINDOW_SECONDS;
        assertFalse(counter.countAndReachLimit(2), "the first one has expired");
        assertTrue(counter.countAndReachLimit(2));
    }

    @Test
    void zeroMeansNeverLock() {
        DeclineCounter counter = new DeclineCounter(store, "never");
        for (int i = 0; i < 50; i++) {
            assertFalse(counter.countAndReachLimit(0));
        }
    }
}
