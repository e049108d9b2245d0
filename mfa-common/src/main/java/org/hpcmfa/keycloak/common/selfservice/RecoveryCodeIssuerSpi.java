package org.hpcmfa.keycloak.common.selfservice;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI for {@link RecoveryCodeIssuer}: one module serves the account API without a dependency on it. */
public class RecoveryCodeIssuerSpi extends PackSpi {

    public static final String NAME = "hpc-recovery-code-issuer";

    public RecoveryCodeIssuerSpi() {
        super(NAME, RecoveryCodeIssuer.class, RecoveryCodeIssuerProviderFactory.class);
    }
}
