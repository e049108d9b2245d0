package org.hpcmfa.keycloak.push.challenge;

import java.util.Map;
import java.util.UUID;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Counts one user's "this was not me" answers exactly, however many nodes record them at the same moment: the
 * k-th decline claims slot k with the store's atomic {@code putIfAbsent}, so no two declines get the same number
 * and exactly one of them reaches the limit. A read-modify-write of a user attribute would lose concurrent
 * updates. A reset (an approval, or the lock itself) starts a new generation of slots instead of deleting them.
 */
final class DeclineCounter {

    /** Declines older than this no longer count. */
    static final int WINDOW_SECONDS = 24 * 60 * 60;

    private final SingleUseObjectProvider store;
    private final String keyPrefix;

    DeclineCounter(SingleUseObjectProvider store, String keyPrefix) {
        this.store = store;
        this.keyPrefix = keyPrefix;
    }

    /**
     * Counts one decline. True for exactly one caller per generation: the one whose decline is the
     * {@code limit}-th, or, if that one was lost to a concurrent reset, the first beyond it. That caller must lock;
     * the counting then starts again.
     */
    boolean countAndReachLimit(int limit) {
        if (limit <= 0) {
            return false;
        }
        String generation = generation();
        String slots = keyPrefix + ":" + generation + ":";
        for (int slot = 0; slot < limit; slot++) {
            if (store.putIfAbsent(slots + slot, WINDOW_SECONDS)) {
                if (slot < limit - 1) {
                    return false;
                }
                break;
            }
        }
        // This decline is the limit-th (or one beyond it): one caller per generation takes the lock.
        if (!store.putIfAbsent(slots + "locked", WINDOW_SECONDS)) {
            return false;
        }
        reset();
        return true;
    }

    /** Forgets the declines so far (an approval; or after a lock, so that the next lock needs as many again). */
    void reset() {
        store.put(keyPrefix + ":generation", WINDOW_SECONDS, Map.of("id", UUID.randomUUID().toString()));
    }

    private String generation() {
        Map<String, String> notes = store.get(keyPrefix + ":generation");
        return notes == null || notes.get("id") == null ? "0" : notes.get("id");
    }
}
