package org.hpcmfa.keycloak.common;

import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A user-session note saying that this login used a second factor inside an execution whose reference category
 * is not one (the pack's one-page "username, password and OTP" form, category password). Keycloak keeps the
 * completed executions for the session, but not the credential types an authenticator reported, so the SSH
 * certificate policy reads this note besides the executions.
 */
public final class SecondFactorSession {

    /** User-session note: the credential type of the second factor (e.g. {@code otp}). */
    public static final String NOTE = "hpc-mfa.second-factor";

    private SecondFactorSession() {
    }

    public static void record(AuthenticationSessionModel authSession, String credentialType) {
        authSession.setUserSessionNote(NOTE, credentialType);
    }

    public static boolean recorded(UserSessionModel userSession) {
        String type = userSession == null ? null : userSession.getNote(NOTE);
        return type != null && !type.isBlank();
    }
}
