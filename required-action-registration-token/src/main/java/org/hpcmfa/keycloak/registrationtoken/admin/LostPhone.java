package org.hpcmfa.keycloak.registrationtoken.admin;

import java.util.List;

import org.hpcmfa.keycloak.registrationtoken.SecondFactors;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * "Lost phone": takes away what a lost or stolen phone could still prove (TOTP, push devices, security keys)
 * and the recovery codes of that enrolment ({@link SecondFactors}), and ends the user's sessions. The password
 * and the email address stay; the caller then issues a fresh registration token, which leads to a new enrolment.
 */
final class LostPhone {

    private LostPhone() {
    }

    /** Removes the factors and ends the sessions; returns the types of the removed credentials. */
    static List<String> reset(KeycloakSession session, RealmModel realm, UserModel user) {
        List<CredentialModel> removed = SecondFactors.removeAll(user);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        return removed.stream().map(CredentialModel::getType).sorted().toList();
    }
}
