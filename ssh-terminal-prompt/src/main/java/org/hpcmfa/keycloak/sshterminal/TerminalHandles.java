package org.hpcmfa.keycloak.sshterminal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Handles of pending terminal logins, in Keycloak's cluster-wide single-use store: unguessable, expiring, and
 * taken (removed) by the first finish of the gateway that started it, so a handle works once on whichever node it
 * reaches.
 */
final class TerminalHandles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final String realmId;

    TerminalHandles(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    String create(Map<String, String> notes, int ttlSeconds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.put(key(handle), ttlSeconds, notes);
        return handle;
    }

    /**
     * The login's notes, removed from the store, if the handle belongs to {@code gatewayClientId}; null if the
     * handle is unknown, used, expired, or another gateway's. Another gateway's attempt leaves the handle in place,
     * so a gateway that learns a foreign handle can neither use it nor spoil the login it belongs to.
     */
    Map<String, String> take(String handle, String gatewayClientId) {
        if (handle == null || handle.length() != 43) {
            return null;
        }
        Map<String, String> pending = store.get(key(handle));
        if (pending == null || !gatewayClientId.equals(pending.get(TerminalLogins.NOTE_GATEWAY))) {
            return null;
        }
        return store.remove(key(handle)); // null when the rightful gateway's other request took it in between
    }

    private String key(String handle) {
        return "hpc-ssh-terminal:" + realmId + ":" + handle;
    }
}
