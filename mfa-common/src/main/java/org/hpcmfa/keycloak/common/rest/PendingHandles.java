package org.hpcmfa.keycloak.common.rest;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Handles of pending two-step exchanges (a terminal login, a certificate renewal) in Keycloak's cluster-wide
 * single-use store: 256 random bits, URL-safe, expiring; read by whichever node the second step reaches, and
 * removed once by the step that ends the exchange.
 */
public final class PendingHandles {

    /** The length of a handle: 32 bytes in URL-safe base64 without padding. */
    public static final int LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final String prefix;

    /** {@code prefix} names the exchange and the realm, e.g. {@code "hpc-ssh-terminal:" + realmId}. */
    public PendingHandles(SingleUseObjectProvider store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    public String create(Map<String, String> notes, int ttlSeconds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.put(key(handle), ttlSeconds, notes);
        return handle;
    }

    /** The notes of a pending handle; null for one that is malformed, unknown, expired or ended. */
    public Map<String, String> read(String handle) {
        return handle == null || handle.length() != LENGTH ? null : store.get(key(handle));
    }

    /** Ends the exchange: its notes for the one request that removed it, null for any other. */
    public Map<String, String> take(String handle) {
        return store.remove(key(handle));
    }

    private String key(String handle) {
        return prefix + ":" + handle;
    }
}
