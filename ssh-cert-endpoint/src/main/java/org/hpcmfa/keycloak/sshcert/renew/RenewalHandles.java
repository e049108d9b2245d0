package org.hpcmfa.keycloak.sshcert.renew;

import java.util.Map;

import org.hpcmfa.keycloak.common.rest.PendingHandles;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending renewals ({@link PendingHandles}): readable by the Keycloak session that started one (so waiting for a
 * push costs nothing), and taken once by the verdict that ends it, on whichever node.
 */
final class RenewalHandles {

    static final String NOTE_SESSION = "session";
    static final String NOTE_KEY = "key";
    static final String NOTE_FACTORS = "factors";
    static final String NOTE_TTL = "ttl";
    static final String NOTE_PUBLIC_KEY = "public-key";

    private final PendingHandles handles;

    RenewalHandles(SingleUseObjectProvider store, String realmId) {
        this.handles = new PendingHandles(store, "hpc-ssh-cert-renew:" + realmId);
    }

    String create(Map<String, String> notes, int ttlSeconds) {
        return handles.create(notes, ttlSeconds);
    }

    /** The renewal's notes if the handle is pending and belongs to {@code userSessionId}; null otherwise. */
    Map<String, String> read(String handle, String userSessionId) {
        Map<String, String> pending = handles.read(handle);
        return pending != null && userSessionId.equals(pending.get(NOTE_SESSION)) ? pending : null;
    }

    /** Ends the renewal: true for the one request that removed it, false if another did first. */
    boolean take(String handle) {
        return handles.take(handle) != null;
    }
}
