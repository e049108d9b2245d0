package org.hpcmfa.keycloak.common.codes;

import java.util.UUID;

import org.hpcmfa.keycloak.common.SecretHash;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * One pending code: its salted hash, id, expiry and the wrong tries so far, kept in {@link CodeNotes} (a login's
 * authentication-session notes, replicated with the session, or the notes of a terminal login or set-up). The
 * single-use guard lives in Keycloak's cluster-wide single-use store, because two requests submitting the same code
 * at once would both read the same notes. The plain code is never stored.
 */
public final class CodeChallenge {

    public enum Outcome {
        /** The code is right, unexpired and was not used before: it is now consumed. */
        VALID,
        /** Wrong code; counted. */
        WRONG,
        /** Past its validity. */
        EXPIRED,
        /** Too many wrong tries on this code: it no longer works. */
        DEAD,
        /** No code was issued (or the last one was consumed). */
        NO_CODE
    }

    private final SingleUseObjectProvider store;
    private final CodeNotes notes;
    private final String hashNote;
    private final String idNote;
    private final String expiresNote;
    private final String failuresNote;
    private final String usedKeyPrefix;

    /** {@code prefix} names the channel's notes and store keys, e.g. {@code hpc-email-otp}. */
    public CodeChallenge(SingleUseObjectProvider store, CodeNotes notes, String prefix) {
        this.store = store;
        this.notes = notes;
        this.hashNote = prefix + ".code-hash";
        this.idNote = prefix + ".code-id";
        this.expiresNote = prefix + ".expires-at";
        this.failuresNote = prefix + ".failures";
        this.usedKeyPrefix = prefix + ":used:";
    }

    public boolean hasCode() {
        return notes.get(hashNote) != null;
    }

    /** Replaces any earlier code. */
    public void issue(String code, int now, int ttlSeconds) {
        notes.set(hashNote, SecretHash.hash(code));
        notes.set(idNote, UUID.randomUUID().toString());
        notes.set(expiresNote, String.valueOf(now + ttlSeconds));
        notes.set(failuresNote, "0");
    }

    public Outcome check(String input, int now, int maxAttempts) {
        String hash = notes.get(hashNote);
        if (hash == null) {
            return Outcome.NO_CODE;
        }
        if (failures() >= maxAttempts) {
            return Outcome.DEAD;
        }
        int expiresAt = intNote(expiresNote, 0, 0);
        if (now >= expiresAt) {
            return Outcome.EXPIRED;
        }
        if (!SecretHash.matches(OneTimeCode.normalize(input), hash)) {
            notes.set(failuresNote, String.valueOf(failures() + 1));
            return Outcome.WRONG;
        }
        boolean firstUse = store.putIfAbsent(usedKeyPrefix + notes.get(idNote), Math.max(1, expiresAt - now));
        clear();
        return firstUse ? Outcome.VALID : Outcome.NO_CODE;
    }

    /** Wrong tries left on the current code. */
    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - failures());
    }

    public void clear() {
        notes.remove(hashNote);
        notes.remove(idNote);
        notes.remove(expiresNote);
        notes.remove(failuresNote);
    }

    private int failures() {
        return intNote(failuresNote, 0, Integer.MAX_VALUE);
    }

    /** A damaged note must never make a code easier to use: callers pick the safe value for each case. */
    private int intNote(String name, int whenMissing, int whenCorrupt) {
        String value = notes.get(name);
        if (value == null) {
            return whenMissing;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException corrupt) {
            return whenCorrupt;
        }
    }
}
