package org.hpcmfa.keycloak.sshterminal;

import java.util.Map;

import org.hpcmfa.keycloak.common.rest.PendingHandles;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Handles of pending terminal logins ({@link PendingHandles}): taken (removed) by the first finish of the gateway
 * that started it, so a handle works once on whichever node it reaches.
 */
final class TerminalHandles {

    private final PendingHandles handles;

    TerminalHandles(SingleUseObjectProvider store, String realmId) {
        this.handles = new PendingHandles(store, "hpc-ssh-terminal:" + realmId);
    }

    String create(Map<String, String> notes, int ttlSeconds) {
        return handles.create(notes, ttlSeconds);
    }

    /**
     * The login's notes, removed from the store, if the handle belongs to {@code gatewayClientId}; null if the
     * handle is unknown, used, expired, or another gateway's. Another gateway's attempt leaves the handle in place,
     * so a gateway that learns a foreign handle can neither use it nor spoil the login it belongs to.
     */
    Map<String, String> take(String handle, String gatewayClientId) {
        Map<String, String> pending = handles.read(handle);
        if (pending == null || !gatewayClientId.equals(pending.get(TerminalLogins.NOTE_GATEWAY))) {
            return null;
        }
        return handles.take(handle); // null when the rightful gateway's other request took it in between
    }
}
