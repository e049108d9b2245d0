package org.hpcmfa.keycloak.common.selfservice;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI for {@link FactorEnrolment}: one module serves the account API without a dependency on it. */
public class FactorEnrolmentSpi extends PackSpi {

    public static final String NAME = "hpc-factor-enrolment";

    public FactorEnrolmentSpi() {
        super(NAME, FactorEnrolment.class, FactorEnrolmentProviderFactory.class);
    }
}
