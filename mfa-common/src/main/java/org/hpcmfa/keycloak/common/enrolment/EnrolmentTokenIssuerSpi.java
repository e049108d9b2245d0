package org.hpcmfa.keycloak.common.enrolment;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI "issue a fresh registration token": how account recovery hands a person back to enrolment. */
public class EnrolmentTokenIssuerSpi extends PackSpi {

    public static final String NAME = "hpc-enrolment-token-issuer";

    public EnrolmentTokenIssuerSpi() {
        super(NAME, EnrolmentTokenIssuer.class, EnrolmentTokenIssuerFactory.class);
    }
}
