package org.hpcmfa.keycloak.sshcert.renew;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.keycloak.models.UserSessionModel;

/**
 * What a renewal may rely on, kept as notes of the Keycloak user session (replicated and persisted with it, so any
 * node reads them): the time of the full two-factor login that {@code sign} accepted, and the keys certified in
 * that session. Only {@code sign} writes them, after all of its rules held; a renewal never moves the time.
 */
public final class SessionMarks {

    static final String MFA_TIME = "hpc-ssh-cert.mfa-time";
    static final String KEYS = "hpc-ssh-cert.keys";
    /** Enough for a laptop, a workstation and a few more; the oldest key drops out first. */
    static final int MAX_KEYS = 5;

    private SessionMarks() {
    }

    /** After {@code sign} issued a certificate for {@code fingerprint} to a login proven at {@code authTime}. */
    public static void certified(UserSessionModel userSession, long authTime, String fingerprint) {
        if (userSession == null) {
            return;
        }
        String previous = userSession.getNote(MFA_TIME);
        if (previous == null || parse(previous) < authTime) {
            userSession.setNote(MFA_TIME, String.valueOf(authTime));
        }
        List<String> keys = new ArrayList<>(keys(userSession));
        keys.remove(fingerprint);
        keys.add(fingerprint);
        while (keys.size() > MAX_KEYS) {
            keys.remove(0);
        }
        userSession.setNote(KEYS, String.join(",", keys));
    }

    /** The auth time of the session's last full two-factor login that got a certificate; 0 if none did. */
    static long mfaTime(UserSessionModel userSession) {
        return parse(userSession.getNote(MFA_TIME));
    }

    static boolean certifiedKey(UserSessionModel userSession, String fingerprint) {
        return keys(userSession).contains(fingerprint);
    }

    private static List<String> keys(UserSessionModel userSession) {
        String raw = userSession.getNote(KEYS);
        return raw == null || raw.isBlank() ? List.of() : Arrays.asList(raw.split(","));
    }

    private static long parse(String raw) {
        try {
            return raw == null ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
