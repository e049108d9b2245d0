package org.hpcmfa.keycloak.push.login;

import org.keycloak.models.UserModel;

/**
 * The user's consecutive "this was not me" answers and the push lock they lead to, kept on the user (database,
 * cluster-wide). An approval resets the count; the lock lifts by itself, or when an admin removes the
 * {@code hpc-push-locked-until} attribute.
 */
public final class PushDeclines {

    static final String DECLINES = "hpc-push-declines";
    static final String LOCKED_UNTIL = "hpc-push-locked-until";

    private PushDeclines() {
    }

    public static boolean locked(UserModel user, long now) {
        String until = user.getFirstAttribute(LOCKED_UNTIL);
        try {
            return until != null && Long.parseLong(until) > now;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Counts one "not me"; true when this one locked push for the user. */
    public static boolean recordDecline(UserModel user, PushLoginConfig config, long now) {
        int count = count(user) + 1;
        if (config.declinesBeforeLock() > 0 && count >= config.declinesBeforeLock()) {
            user.setSingleAttribute(LOCKED_UNTIL, String.valueOf(now + config.lockMinutes() * 60L));
            user.removeAttribute(DECLINES);
            return true;
        }
        user.setSingleAttribute(DECLINES, String.valueOf(count));
        return false;
    }

    public static void recordApproval(UserModel user) {
        if (user.getFirstAttribute(DECLINES) != null) {
            user.removeAttribute(DECLINES);
        }
    }

    private static int count(UserModel user) {
        try {
            String value = user.getFirstAttribute(DECLINES);
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
