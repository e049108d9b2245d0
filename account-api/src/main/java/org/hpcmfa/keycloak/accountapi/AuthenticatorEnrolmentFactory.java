package org.hpcmfa.keycloak.accountapi;

import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolmentProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link AuthenticatorEnrolment} (Keycloak's TOTP) with the account API's set-up SPI. */
public class AuthenticatorEnrolmentFactory implements FactorEnrolmentProviderFactory {

    public static final String ID = "hpc-authenticator-enrolment";

    @Override
    public FactorEnrolment create(KeycloakSession session) {
        return new AuthenticatorEnrolment();
    }

    @Override
    public String getId() {
        return ID;
    }
}
