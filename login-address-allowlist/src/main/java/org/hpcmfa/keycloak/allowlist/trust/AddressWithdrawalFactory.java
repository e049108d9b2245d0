package org.hpcmfa.keycloak.allowlist.trust;

import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListener;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListenerFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link AddressWithdrawal} with the pack's trust-withdrawn SPI (mfa-common). */
public class AddressWithdrawalFactory implements TrustWithdrawnListenerFactory {

    public static final String ID = "hpc-login-addresses";

    @Override
    public TrustWithdrawnListener create(KeycloakSession session) {
        return new AddressWithdrawal(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
