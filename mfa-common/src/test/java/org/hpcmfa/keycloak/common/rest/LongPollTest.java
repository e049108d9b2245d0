package org.hpcmfa.keycloak.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LongPollTest {

    @Test
    void returnsWithinAStepOfTheChange() throws Exception {
        AtomicBoolean answered = new AtomicBoolean();
        CompletableFuture.runAsync(() -> {
            sleep(200);
            answered.set(true);
        });
        long start = System.nanoTime();
        Optional<String> seen = new LongPoll(1).await(() -> answered.get() ? Optional.of("answered") : Optional.empty(),
                5000, 10);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Optional.of("answered"), seen);
        assertTrue(millis >= 190 && millis < 1000, millis + " ms");
    }

    @Test
    void givesUpAfterTheWaitWithoutTheValue() {
        long start = System.nanoTime();
        assertEquals(Optional.empty(), new LongPoll(1).await(Optional::empty, 150, 20));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 140);
    }

    @Test
    void beyondTheNodesLimitARequestIsAnsweredAtOnce() throws Exception {
        LongPoll waits = new LongPoll(1);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Optional<Object>> first = CompletableFuture.supplyAsync(() -> waits.await(() -> {
            waiting.countDown();
            return Optional.empty();
        }, 1000, 20));
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        AtomicInteger reads = new AtomicInteger();
        long start = System.nanoTime();
        assertEquals(Optional.empty(), waits.await(() -> {
            reads.incrementAndGet();
            return Optional.empty();
        }, 1000, 20));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "the second request did not wait");
        assertEquals(1, reads.get(), "one read, no wait");
        first.get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of("x"), waits.await(() -> Optional.of("x"), 1000, 20), "the slot is free again");
    }

    @Test
    void theRequestedWaitIsClampedAndUnreadableMeansNone() {
        assertEquals(25, LongPoll.seconds("600"));
        assertEquals(0, LongPoll.seconds("-3"));
        assertEquals(0, LongPoll.seconds("soon"));
        assertEquals(0, LongPoll.seconds((String) null));
        assertEquals(10, LongPoll.seconds(10));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
