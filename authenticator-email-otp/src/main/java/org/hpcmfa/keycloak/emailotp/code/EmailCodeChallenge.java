package org.hpcmfa.keycloak.emailotp.code;

import java.util.UUID;

import org.hpcmfa.keycloak.common.SecretHash;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code of one login, kept in authentication-session notes (replicated with the session, so a login may
 * continue on another cluster node): its hash, id, expiry and the wrong tries so far. The single-use guard
 * lives in Keycloak's cluster-wide single-use store, because two requests submitting the same code at once
 * would both read the same notes.
 */
public final class EmailCodeChallenge {

    static final String NOTE_HASH = "hpc-email-otp.code-hash";
    static final String NOTE_ID = "hpc-email-otp.code-id";
    static final String NOTE_EXPIRES_AT = "hpc-email-otp.expires-at";
    static final String NOTE_FAILURES = "hpc-email-otp.failures";
    static final String USED_KEY_PREFIX = "hpc-email-otp:used:";

    public enum Outcome {
        /** The code is right, unexpired and was not used before: it is now consumed. */
        VALID,
        /** Wrong code; counted. */
        WRONG,
        /** Past its validity. */
        EXPIRED,
        /** Too many wrong tries on this code: it no longer works. */
        DEAD,
        /** No code was issued in this login (or the last one was consumed). */
        NO_CODE
    }

    private final KeycloakSession session;
    private final AuthenticationSessionModel authSession;

    public EmailCodeChallenge(KeycloakSession session, AuthenticationSessionModel authSession) {
        this.session = session;
        this.authSession = authSession;
    }

    public boolean hasCode() {
        return authSession.getAuthNote(NOTE_HASH) != null;
    }

    /** Replaces any earlier code of this login. */
    public void issue(String code, int now, int ttlSeconds) {
        authSession.setAuthNote(NOTE_HASH, SecretHash.hash(code));
        authSession.setAuthNote(NOTE_ID, UUID.randomUUID().toString());
        authSession.setAuthNote(NOTE_EXPIRES_AT, String.valueOf(now + ttlSeconds));
        authSession.setAuthNote(NOTE_FAILURES, "0");
    }

    public Outcome check(String input, int now, int maxAttempts) {
        String hash = authSession.getAuthNote(NOTE_HASH);
        if (hash == null) {
            return Outcome.NO_CODE;
        }
        if (failures() >= maxAttempts) {
            return Outcome.DEAD;
        }
        int expiresAt = intNote(NOTE_EXPIRES_AT, 0, 0);
        if (now >= expiresAt) {
            return Outcome.EXPIRED;
        }
        if (!SecretHash.matches(OneTimeCode.normalize(input), hash)) {
            authSession.setAuthNote(NOTE_FAILURES, String.valueOf(failures() + 1));
            return Outcome.WRONG;
        }
        boolean firstUse = session.singleUseObjects()
                .putIfAbsent(USED_KEY_PREFIX + authSession.getAuthNote(NOTE_ID), Math.max(1, expiresAt - now));
        clear();
        return firstUse ? Outcome.VALID : Outcome.NO_CODE;
    }

    /** Wrong tries left on the current code. */
    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - failures());
    }

    public void clear() {
        authSession.removeAuthNote(NOTE_HASH);
        authSession.removeAuthNote(NOTE_ID);
        authSession.removeAuthNote(NOTE_EXPIRES_AT);
        authSession.removeAuthNote(NOTE_FAILURES);
    }

    private int failures() {
        return intNote(NOTE_FAILURES, 0, Integer.MAX_VALUE);
    }

    /** A damaged note must never make a code easier to use: callers pick the safe value for each case. */
    private int intNote(String name, int whenMissing, int whenCorrupt) {
        String value = authSession.getAuthNote(name);
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
