package org.hpcmfa.keycloak.common.enrolment;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The pack's SPI "issue a fresh registration token": how account recovery hands a person back to enrolment. */
public class EnrolmentTokenIssuerSpi implements Spi {

    public static final String NAME = "hpc-enrolment-token-issuer";

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
        return EnrolmentTokenIssuer.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return EnrolmentTokenIssuerFactory.class;
    }
}
