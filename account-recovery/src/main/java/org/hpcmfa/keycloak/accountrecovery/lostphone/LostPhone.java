package org.hpcmfa.keycloak.accountrecovery.lostphone;

import java.util.List;

import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawals;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * "Lost phone": takes away what a lost or stolen phone could still prove (TOTP, push devices, security keys)
 * and the recovery codes of that enrolment ({@link SecondFactors}), and ends the user's sessions. The password
 * and the email address stay; whatever the phone's logins obtained (SSH certificates) is revoked through the
 * trust-withdrawn SPI of mfa-common; {@link LostPhoneReset} then issues a fresh registration token, which leads to a
 * new enrolment.
 */
public final class LostPhone {

    private LostPhone() {
    }

    /**
     * Removes the factors, ends the sessions and withdraws trust (the user's SSH certificates are revoked, in this
     * transaction); returns the types of the removed credentials.
     */
    public static List<String> reset(KeycloakSession session, RealmModel realm, UserModel user, String adminId) {
        List<CredentialModel> removed = SecondFactors.removeAll(user);
        TrustWithdrawals.announce(session, realm, user, TrustWithdrawal.Reason.LOST_PHONE, "admin:" + adminId);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        return removed.stream().map(CredentialModel::getType).sorted().toList();
    }
}
