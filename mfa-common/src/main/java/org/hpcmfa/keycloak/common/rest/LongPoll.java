package org.hpcmfa.keycloak.common.rest;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bounded server-side wait for a state that another request, possibly on another node, writes to Keycloak's
 * cluster-wide store: the condition is re-read every {@code stepMillis} until it holds or the wait is over, so the
 * caller learns of the change within one step instead of within its own polling interval plus a round trip.
 *
 * <p>A waiting request holds one of Keycloak's worker threads (50 or more per node by default). So each node lets
 * at most {@link #maxWaiting()} requests of one endpoint wait at a time; beyond that a request is answered at once
 * (one read), and its caller falls back to asking again after its own interval. The limit is the node's
 * protection of its threads, not login state: no login depends on which node counted it.
 */
public final class LongPoll {

    /** The longest wait any endpoint grants, whatever the caller asks. */
    public static final int MAX_SECONDS = 25;
    /** The SPI option of a realm resource that sets its node's limit of waiting requests. */
    public static final String MAX_WAITING_OPTION = "max-waiting-requests";

    private final Semaphore slots;
    private final int maxWaiting;

    public LongPoll(int maxWaiting) {
        this.maxWaiting = Math.max(0, maxWaiting);
        this.slots = new Semaphore(this.maxWaiting);
    }

    public int maxWaiting() {
        return maxWaiting;
    }

    /**
     * The first present value of {@code check}, or empty after {@code maxMillis}; {@code check} runs at least once,
     * and only once when {@code maxMillis} is 0 or every waiting slot of this node is taken.
     */
    public <T> Optional<T> await(Supplier<Optional<T>> check, long maxMillis, long stepMillis) {
        if (maxMillis <= 0 || !slots.tryAcquire()) {
            return check.get();
        }
        try {
            return wait(check, maxMillis, stepMillis);
        } finally {
            slots.release();
        }
    }

    private static <T> Optional<T> wait(Supplier<Optional<T>> check, long maxMillis, long stepMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (true) {
            Optional<T> value = check.get();
            if (value.isPresent() || System.nanoTime() >= deadline) {
                return value;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(stepMillis, (deadline - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return check.get();
            }
        }
    }

    /** A requested wait in seconds, clamped to 0..{@link #MAX_SECONDS}; unreadable or missing means 0 (no wait). */
    public static int seconds(String requested) {
        try {
            return requested == null ? 0 : Math.max(0, Math.min(MAX_SECONDS, Integer.parseInt(requested.trim())));
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }

    public static int seconds(Integer requested) {
        return requested == null ? 0 : seconds(String.valueOf(requested));
    }
}
