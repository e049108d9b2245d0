package org.hpcmfa.keycloak.sshcert.renew;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending renewals in Keycloak's cluster-wide single-use store: an unguessable handle per renewal, readable by
 * the Keycloak session that started it (so waiting for a push costs nothing), and taken (removed) once by the
 * verdict that ends it, on whichever node.
 */
final class RenewalHandles {

    static final String NOTE_SESSION = "session";
    static final String NOTE_KEY = "key";
    static final String NOTE_FACTORS = "factors";
    static final String NOTE_TTL = "ttl";
    static final String NOTE_PUBLIC_KEY = "public-key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final String realmId;

    RenewalHandles(SingleUseObjectProvider store, String realmId) {
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

    /** The renewal's notes if the handle is pending and belongs to {@code userSessionId}; null otherwise. */
    Map<String, String> read(String handle, String userSessionId) {
        if (handle == null || handle.length() != 43) {
            return null;
        }
        Map<String, String> pending = store.get(key(handle));
        return pending != null && userSessionId.equals(pending.get(NOTE_SESSION)) ? pending : null;
    }

    /** Ends the renewal: true for the one request that removed it, false if another did first. */
    boolean take(String handle) {
        return store.remove(key(handle)) != null;
    }

    private String key(String handle) {
        return "hpc-ssh-cert-renew:" + realmId + ":" + handle;
    }
}
