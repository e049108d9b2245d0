package org.hpcmfa.keycloak.common.trust;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI "trust withdrawn for a user": modules that hand out lasting things take them back. */
public class TrustWithdrawnSpi extends PackSpi {

    public static final String NAME = "hpc-trust-withdrawn";

    public TrustWithdrawnSpi() {
        super(NAME, TrustWithdrawnListener.class, TrustWithdrawnListenerFactory.class);
    }
}
