package org.hpcmfa.keycloak.push.challenge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;
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
    /** Code-to-phone: the phone accepted and shows a code; the login completes when that code is typed. */
    public static final String CODE_SHOWN = "code_shown";

    /** How long the code shown on the phone may be typed, from the phone's answer. */
    public static final int CODE_VALID_SECONDS = 120;

    /**
     * An open challenge: the payload the phone receives, what the answer must match, and for code-to-phone the
     * text the phone shows with the code.
     */
    public record Open(String nonce, String payloadJson, long expiresAt, String correctAnswer, String userId,
            ApprovalMode mode, String codeMessage) {
    }

    /** An answer: the outcome, and for {@link #CODE_SHOWN} the hash of the code and until when it may be typed. */
    public record Outcome(String outcome, String codeHash, long codeExpiresAt) {
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
        notes.put("mode", challenge.mode().configValue());
        if (challenge.correctAnswer() != null) {
            notes.put("correctAnswer", challenge.correctAnswer());
        }
        if (challenge.codeMessage() != null) {
            notes.put("codeMessage", challenge.codeMessage());
        }
        store.put(challengeKey(serial), ttlSeconds, notes);
    }

    /** The device's open challenge, unless expired or already answered. */
    public Optional<Open> current(String serial, long now) {
        Map<String, String> notes = store.get(challengeKey(serial));
        if (notes == null) {
            return Optional.empty();
        }
        ApprovalMode mode = ApprovalMode.fromConfig(notes.get("mode"));
        Open open = new Open(notes.get("nonce"), notes.get("payload"), Long.parseLong(notes.get("expiresAt")),
                notes.get("correctAnswer"), notes.get("userId"),
                mode == null ? ApprovalMode.APPROVE_ONLY : mode, notes.get("codeMessage"));
        if (now >= open.expiresAt() || outcome(open.nonce()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(open);
    }

    /** Records the answer once; false if this challenge was answered before (a replay). */
    public boolean answer(String nonce, String outcome, int ttlSeconds) {
        return answer(nonce, new Outcome(outcome, null, 0), ttlSeconds);
    }

    /** Records the answer once; false if this challenge was answered before (a replay). */
    public boolean answer(String nonce, Outcome outcome, int ttlSeconds) {
        if (!store.putIfAbsent("hpc-push:answered:" + nonce, ttlSeconds)) {
            return false;
        }
        Map<String, String> notes = new HashMap<>();
        notes.put("outcome", outcome.outcome());
        if (outcome.codeHash() != null) {
            notes.put("codeHash", outcome.codeHash());
            notes.put("codeExpiresAt", String.valueOf(outcome.codeExpiresAt()));
        }
        store.put("hpc-push:result:" + nonce, ttlSeconds, notes);
        return true;
    }

    public Optional<String> outcome(String nonce) {
        return answered(nonce).map(Outcome::outcome);
    }

    public Optional<Outcome> answered(String nonce) {
        Map<String, String> notes = store.get("hpc-push:result:" + nonce);
        if (notes == null || notes.get("outcome") == null) {
            return Optional.empty();
        }
        String expires = notes.get("codeExpiresAt");
        return Optional.of(new Outcome(notes.get("outcome"), notes.get("codeHash"),
                expires == null ? 0 : Long.parseLong(expires)));
    }

    /** What a code typed for a code-to-phone challenge means. */
    public enum CodeCheck { ACCEPTED, WRONG, EXPIRED, USED, NOT_SHOWN }

    /**
     * Checks a typed code against the code the phone showed for {@code nonce}. The first check of a shown code
     * spends it, right or wrong (cluster-wide, {@code putIfAbsent}): a 2-digit code allows one try per approval,
     * and a replayed code is refused.
     */
    public CodeCheck checkCode(String nonce, String typed, long now) {
        Optional<Outcome> answered = answered(nonce);
        if (answered.isEmpty() || !CODE_SHOWN.equals(answered.get().outcome()) || answered.get().codeHash() == null) {
            return CodeCheck.NOT_SHOWN;
        }
        if (now >= answered.get().codeExpiresAt()) {
            return CodeCheck.EXPIRED;
        }
        if (!store.putIfAbsent("hpc-push:code-tried:" + nonce, CODE_VALID_SECONDS + 60)) {
            return CodeCheck.USED;
        }
        return SecretHash.matches(typed, answered.get().codeHash()) ? CodeCheck.ACCEPTED : CodeCheck.WRONG;
    }

    private String challengeKey(String serial) {
        return "hpc-push:challenge:" + realmId + ":" + serial;
    }
}
