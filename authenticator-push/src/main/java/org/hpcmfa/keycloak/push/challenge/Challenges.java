package org.hpcmfa.keycloak.push.challenge;

import java.util.Arrays;
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

    /** How long the code shown on the phone may be typed, from the phone's answer. */
    public static final int CODE_VALID_SECONDS = 120;

    /**
     * An open challenge: the payload the phone receives, what the answer must match, and for code-to-phone the
     * text the phone shows with the code.
     */
    public record Open(String nonce, String payloadJson, long expiresAt, String correctAnswer, String userId,
            ApprovalMode mode, String codeMessage) {
    }

    /**
     * An answer: the outcome, and for {@link PushOutcome#CODE_SHOWN} the hash of the code and until when it may be
     * typed.
     */
    public record Outcome(PushOutcome outcome, String codeHash, long codeExpiresAt) {
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

    /**
     * The device's open challenge that an answer naming {@code nonce} may answer: none when the nonce names
     * another challenge (an older one, or one of another device or user). Apps that send no nonce answer the
     * open one; their signature covers its nonce all the same.
     */
    public Optional<Open> openFor(String serial, String nonce, long now) {
        return current(serial, now).filter(open -> nonce == null || nonce.equals(open.nonce()));
    }

    /** Records the answer once; false if this challenge was answered before (a replay). */
    public boolean answer(String nonce, PushOutcome outcome, int ttlSeconds) {
        return answer(nonce, new Outcome(outcome, null, 0), ttlSeconds);
    }

    /** Records the answer once; false if this challenge was answered before (a replay). */
    public boolean answer(String nonce, Outcome outcome, int ttlSeconds) {
        if (!store.putIfAbsent("hpc-push:answered:" + nonce, ttlSeconds)) {
            return false;
        }
        Map<String, String> notes = new HashMap<>();
        notes.put("outcome", outcome.outcome().storedName());
        if (outcome.codeHash() != null) {
            notes.put("codeHash", outcome.codeHash());
            notes.put("codeExpiresAt", String.valueOf(outcome.codeExpiresAt()));
        }
        store.put("hpc-push:result:" + nonce, ttlSeconds, notes);
        return true;
    }

    public Optional<PushOutcome> outcome(String nonce) {
        return answered(nonce).map(Outcome::outcome);
    }

    public Optional<Outcome> answered(String nonce) {
        Map<String, String> notes = store.get("hpc-push:result:" + nonce);
        Optional<PushOutcome> outcome = notes == null ? Optional.empty() : PushOutcome.fromStored(notes.get("outcome"));
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        String expires = notes.get("codeExpiresAt");
        return Optional.of(new Outcome(outcome.get(), notes.get("codeHash"),
                expires == null ? 0 : Long.parseLong(expires)));
    }

    /**
     * The outcome of the first answered challenge of a login ({@code nonces} comma-separated, one per phone): a
     * login sends to every phone of the user, and the first answer decides.
     */
    public Optional<PushOutcome> firstOutcome(String nonces) {
        return Arrays.stream(nonces.split(",")).map(this::outcome).flatMap(Optional::stream).findFirst();
    }

    /** Code-to-phone: the challenge of a login whose phone shows a code, if any. */
    public Optional<String> showingCode(String nonces) {
        return Arrays.stream(nonces.split(","))
                .filter(nonce -> outcome(nonce).filter(PushOutcome.CODE_SHOWN::equals).isPresent()).findFirst();
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
        if (answered.isEmpty() || answered.get().outcome() != PushOutcome.CODE_SHOWN
                || answered.get().codeHash() == null) {
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
