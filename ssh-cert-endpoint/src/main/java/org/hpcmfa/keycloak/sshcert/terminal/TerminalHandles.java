package org.hpcmfa.keycloak.sshcert.terminal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Handles of pending terminal logins, in Keycloak's cluster-wide single-use store: unguessable, expiring, and
 * taken (removed) by the first finish, so a handle works once on whichever node it reaches.
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

    /** The login's notes, removed from the store; null if the handle is unknown, used or expired. */
    Map<String, String> take(String handle) {
        if (handle == null || handle.length() != 43) {
            return null;
        }
        return store.remove(key(handle));
    }

    private String key(String handle) {
        return "hpc-ssh-terminal:" + realmId + ":" + handle;
    }
}
