package org.hpcmfa.keycloak.common;

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

    /** The claimed slot, or -1 when all N are taken. */
    public int tryAcquire() {
        for (int slot = 0; slot < max; slot++) {
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
