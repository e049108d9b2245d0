package org.hpcmfa.keycloak.push.challenge;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The user's "this was not me" answers and the push lock they lead to. The count lives in Keycloak's cluster-wide
 * single-use store and is updated atomically ({@link DeclineCounter}); the lock is a user attribute (database,
 * visible to admins), written by exactly one decline. An approval resets the count; the lock lifts by itself, or
 * when an admin removes the {@code hpc-push-locked-until} attribute.
 */
public final class PushDeclines {

    public static final String LOCKED_UNTIL = "hpc-push-locked-until";

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
    public static boolean recordDecline(KeycloakSession session, RealmModel realm, UserModel user,
            PushLoginConfig config, long now) {
        if (!counter(session, realm, user).countAndReachLimit(config.declinesBeforeLock())) {
            return false;
        }
        user.setSingleAttribute(LOCKED_UNTIL, String.valueOf(now + config.lockMinutes() * 60L));
        return true;
    }

    public static void recordApproval(KeycloakSession session, RealmModel realm, UserModel user) {
        counter(session, realm, user).reset();
    }

    private static DeclineCounter counter(KeycloakSession session, RealmModel realm, UserModel user) {
        return new DeclineCounter(session.singleUseObjects(), "hpc-push:declines:" + realm.getId() + ":" + user.getId());
    }
}
