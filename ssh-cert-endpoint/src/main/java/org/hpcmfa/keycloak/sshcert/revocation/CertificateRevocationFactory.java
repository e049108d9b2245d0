package org.hpcmfa.keycloak.sshcert.revocation;

import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListener;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListenerFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link CertificateRevocation} with the pack's trust-withdrawn SPI (mfa-common). */
public class CertificateRevocationFactory implements TrustWithdrawnListenerFactory {

    public static final String ID = "hpc-ssh-certificates";

    @Override
    public TrustWithdrawnListener create(KeycloakSession session) {
        return new CertificateRevocation(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
