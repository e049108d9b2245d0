package org.hpcmfa.keycloak.common.rest;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bounded server-side wait for a state that another request, possibly on another node, writes to Keycloak's
 * cluster-wide store: the condition is re-read every {@code stepMillis} until it holds or {@code maxMillis} have
 * passed. The caller learns of the change within one step, instead of within its own polling interval plus a
 * round trip; the wait holds one request thread, so callers keep {@code maxMillis} short (seconds).
 */
public final class LongPoll {

    /** The longest wait any endpoint grants, whatever the caller asks. */
    public static final int MAX_SECONDS = 25;

    private LongPoll() {
    }

    /** The first present value of {@code check}, or empty after {@code maxMillis}; {@code check} runs at least once. */
    public static <T> Optional<T> await(Supplier<Optional<T>> check, long maxMillis, long stepMillis) {
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
}
