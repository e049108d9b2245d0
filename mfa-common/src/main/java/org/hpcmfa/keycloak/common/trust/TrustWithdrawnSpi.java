package org.hpcmfa.keycloak.common.trust;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The pack's SPI "trust withdrawn for a user": modules that hand out lasting things take them back. */
public class TrustWithdrawnSpi implements Spi {

    public static final String NAME = "hpc-trust-withdrawn";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TrustWithdrawnListener.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TrustWithdrawnListenerFactory.class;
    }
}
