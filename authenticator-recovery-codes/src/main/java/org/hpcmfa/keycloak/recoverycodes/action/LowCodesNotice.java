package org.hpcmfa.keycloak.recoverycodes.action;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The warning after a login with a recovery code that left few: the login goes on through the recovery-codes
 * action, which says how many are left and offers a new set now or later.
 */
public final class LowCodesNotice {

    static final String NOTE = "hpc-recovery-codes.low";

    private LowCodesNotice() {
    }

    public static void schedule(AuthenticationSessionModel authSession, int remaining) {
        authSession.setAuthNote(NOTE, String.valueOf(remaining));
        authSession.addRequiredAction(RecoveryCodeSettings.ACTION_ID);
    }

    /** The number of codes left, when this login ends with the warning; null otherwise. */
    static String pending(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(NOTE);
    }

    static void clear(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE);
    }
}
