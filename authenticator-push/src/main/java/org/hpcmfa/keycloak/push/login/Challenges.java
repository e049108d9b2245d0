package org.hpcmfa.keycloak.push.login;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Open push challenges and their outcomes, in Keycloak's cluster-wide single-use store, so the login page on one
 * node sees an answer the phone gave on another. One open challenge per device; the signed payload is stored
 * with it and served to every poll without signing again.
 */
public final class Challenges {

    public static final String APPROVED = "approved";
    /** "This was not me": counts towards the user's push lock. */
    public static final String DECLINED = "declined";
    /** "I started it, but discard it" (app 4.8 with the decline_reason capability). */
    public static final String CANCELLED = "cancelled";
    public static final String WRONG_NUMBER = "wrong_number";

    /** An open challenge: the payload the phone receives, and what the answer must match. */
    public record Open(String nonce, String payloadJson, long expiresAt, String correctAnswer, String userId) {
    }

    private final SingleUseObjectProvider store;
    private final String realmId;

    public Challenges(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    public void open(String serial, Open challenge, int ttlSeconds) {
        Map<String, String> notes = new HashMap<>();
        notes.put("nonce", challenge.nonce());
        notes.put("payload", challenge.payloadJson());
        notes.put("expiresAt", String.valueOf(challenge.expiresAt()));
        notes.put("userId", challenge.userId());
        if (challenge.correctAnswer() != null) {
            notes.put("correctAnswer", challenge.correctAnswer());
        }
        store.put(challengeKey(serial), ttlSeconds, notes);
    }

    /** The device's open challenge, unless expired or already answered. */
    public Optional<Open> current(String serial, long now) {
        Map<String, String> notes = store.get(challengeKey(serial));
        if (notes == null) {
            return Optional.empty();
        }
        Open open = new Open(notes.get("nonce"), notes.get("payload"), Long.parseLong(notes.get("expiresAt")),
                notes.get("correctAnswer"), notes.get("userId"));
        if (now >= open.expiresAt() || outcome(open.nonce()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(open);
    }

    /** Records the answer once; false if this challenge was answered before (a replay). */
    public boolean answer(String nonce, String outcome, int ttlSeconds) {
        if (!store.putIfAbsent("hpc-push:answered:" + nonce, ttlSeconds)) {
            return false;
        }
        store.put("hpc-push:result:" + nonce, ttlSeconds, Map.of("outcome", outcome));
        return true;
    }

    public Optional<String> outcome(String nonce) {
        Map<String, String> notes = store.get("hpc-push:result:" + nonce);
        return notes == null ? Optional.empty() : Optional.ofNullable(notes.get("outcome"));
    }

    private String challengeKey(String serial) {
        return "hpc-push:challenge:" + realmId + ":" + serial;
    }
}
