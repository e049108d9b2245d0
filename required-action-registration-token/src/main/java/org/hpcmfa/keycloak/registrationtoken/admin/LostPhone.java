package org.hpcmfa.keycloak.registrationtoken.admin;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.hpcmfa.keycloak.registrationtoken.PermanentFactors;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * "Lost phone": takes away what a lost or stolen phone could still prove (TOTP, push devices, security keys)
 * and the recovery codes of that enrolment, and ends the user's sessions. The password and the email address
 * stay; the caller then issues a fresh registration token, which leads to a new enrolment.
 */
final class LostPhone {

    static final Set<String> REMOVED_TYPES;

    static {
        Set<String> types = new TreeSet<>(PermanentFactors.TYPES);
        types.add(RecoveryAuthnCodesCredentialModel.TYPE);
        REMOVED_TYPES = Set.copyOf(types);
    }

    private LostPhone() {
    }

    /** Removes the factors and ends the sessions; returns the types of the removed credentials. */
    static List<String> reset(KeycloakSession session, RealmModel realm, UserModel user) {
        List<CredentialModel> factors = user.credentialManager().getStoredCredentialsStream()
                .filter(c -> REMOVED_TYPES.contains(c.getType())).toList();
        for (CredentialModel factor : factors) {
            user.credentialManager().removeStoredCredentialById(factor.getId());
        }
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        return factors.stream().map(CredentialModel::getType).sorted().toList();
    }
}
