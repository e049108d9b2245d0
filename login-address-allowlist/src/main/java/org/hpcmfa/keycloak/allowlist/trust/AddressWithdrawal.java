package org.hpcmfa.keycloak.allowlist.trust;

import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListener;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * When trust in a person is withdrawn (lost phone, disable-MFA, last second factor removed, user disabled or
 * deleted, admin sign-out), the addresses that person's logins allowed are removed in the same transaction: the
 * firewall's next sync closes them, as the KRL does the person's certificates.
 */
final class AddressWithdrawal implements TrustWithdrawnListener {

    private static final Logger LOG = Logger.getLogger(AddressWithdrawal.class);

    private final KeycloakSession session;

    AddressWithdrawal(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void trustWithdrawn(TrustWithdrawal withdrawal) {
        int removed = new LoginAddresses(session, withdrawal.realm().getId()).removeAll(withdrawal.userId());
        if (removed > 0) {
            LOG.infof("Removed %d login address(es) of user %s in realm %s: %s", removed, withdrawal.username(),
                    withdrawal.realm().getName(), withdrawal.reason().code());
        }
    }
}
