package org.hpcmfa.keycloak.emailotp.selfservice;

import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolmentProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@code mfa mk EMAIL} with the account API. */
public class EmailFactorEnrolmentFactory implements FactorEnrolmentProviderFactory {

    @Override
    public FactorEnrolment create(KeycloakSession session) {
        return new EmailFactorEnrolment();
    }

    @Override
    public String getId() {
        return EmailFactorEnrolment.METHOD.toLowerCase(java.util.Locale.ROOT);
    }
}
