package org.hpcmfa.keycloak.allowlist.self;

import org.hpcmfa.keycloak.common.rest.SessionFormToken;
import org.keycloak.models.UserSessionModel;

/** The firewall page's remove-form token ({@link SessionFormToken}, in a note of its own). */
final class RemovalToken {

    static final String NOTE = "hpc-login-addresses.removal-token";
    private static final SessionFormToken TOKEN = new SessionFormToken(NOTE);

    private RemovalToken() {
    }

    static String of(UserSessionModel userSession) {
        return TOKEN.of(userSession);
    }

    static boolean matches(UserSessionModel userSession, String sent) {
        return TOKEN.matches(userSession, sent);
    }
}
