package org.hpcmfa.keycloak.common;

import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * At most N uses in any window (for example 10 mails or 20 certificates per user per hour), shared by every
 * request on every cluster node through Keycloak's single-use store. Each use claims one of N slot entries
 * that live for the window; the store's {@code putIfAbsent} is atomic and immediate, so no two requests can
 * take the same slot.
 */
public final class RollingWindowLimit {

    private final SingleUseObjectProvider store;
    private final String slotKeyPrefix;
    private final int max;
    private final int windowSeconds;

    public RollingWindowLimit(SingleUseObjectProvider store, String keyPrefix, int max, int windowSeconds) {
        this.store = store;
        this.slotKeyPrefix = keyPrefix + ":";
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    /**
     * The claimed slot, or -1 when all N are taken. Probing starts at a random slot, so a claim costs about one
     * store call while most slots are free, instead of one per slot already taken.
     */
    public int tryAcquire() {
        int start = ThreadLocalRandom.current().nextInt(max);
        for (int i = 0; i < max; i++) {
            int slot = (start + i) % max;
            if (store.putIfAbsent(slotKeyPrefix + slot, windowSeconds)) {
                return slot;
            }
        }
        return -1;
    }

    /** Gives a slot back, for a use that did not happen after all (a mail that could not be sent). */
    public void release(int slot) {
        if (slot >= 0) {
            store.remove(slotKeyPrefix + slot);
        }
    }
}
