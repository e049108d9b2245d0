package org.hpcmfa.keycloak.common.trust;

import org.keycloak.models.RealmModel;

/**
 * Something that withdrew the realm's trust in a person: from now on, nothing the person obtained earlier on the
 * strength of a login (an SSH certificate, say) may keep working.
 *
 * @param userId   the person's user id (the user may already be deleted)
 * @param username for events and logs
 * @param actor    who caused it: {@code admin:<id>}, {@code user:<id>}, or {@code keycloak}
 */
public record TrustWithdrawal(RealmModel realm, String userId, String username, Reason reason, String actor) {

    /** Why trust was withdrawn; {@link #code()} is what events report. */
    public enum Reason {
        /** An admin's lost-phone reset removed the user's second factors. */
        LOST_PHONE("lost_phone"),
        /** The user confirmed "Disable two-factor login". */
        MFA_DISABLED("mfa_disabled"),
        /** The user's last second factor was removed (Account Console or admin console). */
        LAST_SECOND_FACTOR_REMOVED("last_second_factor_removed"),
        /** An admin disabled the user. */
        USER_DISABLED("user_disabled"),
        /** The user was deleted. */
        USER_DELETED("user_deleted"),
        /** An admin signed out all of the user's sessions. */
        SESSIONS_SIGNED_OUT("sessions_signed_out");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
