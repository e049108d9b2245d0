package org.hpcmfa.keycloak.push.enrol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Enrolments between showing the QR code and the phone's rollout, in Keycloak's cluster-wide single-use store:
 * the phone's request can reach any node. The enrollment credential is kept hashed; a rollout takes the entry
 * with {@code remove}, which exactly one request can win.
 */
public final class PendingEnrolments {

    public record Pending(String userId, String credentialHash, String label, String watch) {
    }

    private final SingleUseObjectProvider store;
    private final String realmId;

    public PendingEnrolments(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    public void start(String serial, String userId, String enrollmentCredential, String label, String watch, int ttlSeconds) {
        Map<String, String> notes = new HashMap<>();
        notes.put("userId", userId);
        notes.put("credentialHash", SecretHash.hash(enrollmentCredential));
        notes.put("label", label);
        notes.put("watch", watch);
        store.put(key(serial), ttlSeconds, notes);
    }

    public Optional<Pending> peek(String serial) {
        Map<String, String> notes = store.get(key(serial));
        return notes == null ? Optional.empty() : Optional.of(pending(notes));
    }

    /** Takes the enrolment if the credential is right; empty if unknown, wrong, or taken by another request. */
    public Optional<Pending> claim(String serial, String enrollmentCredential) {
        Optional<Pending> pending = peek(serial);
        if (pending.isEmpty() || !SecretHash.matches(enrollmentCredential, pending.get().credentialHash())) {
            return Optional.empty();
        }
        Map<String, String> taken = store.remove(key(serial));
        return taken == null ? Optional.empty() : Optional.of(pending(taken));
    }

    /** Tells the waiting enrolment page, by its watch token, that the phone has enrolled. */
    public void markEnrolled(String watch) {
        store.put(doneKey(watch), 600, Map.of("done", "true"));
    }

    public boolean enrolled(String watch) {
        return watch != null && store.get(doneKey(watch)) != null;
    }

    private String doneKey(String watch) {
        return "hpc-push:enrolled:" + realmId + ":" + watch;
    }

    private String key(String serial) {
        return "hpc-push:enrol:" + realmId + ":" + serial;
    }

    private static Pending pending(Map<String, String> notes) {
        return new Pending(notes.get("userId"), notes.get("credentialHash"), notes.get("label"), notes.get("watch"));
    }
}
