package org.hpcmfa.keycloak.sms.selfservice;

import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolmentProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@code mfa mk SMS} with the account API. */
public class SmsFactorEnrolmentFactory implements FactorEnrolmentProviderFactory {

    @Override
    public FactorEnrolment create(KeycloakSession session) {
        return new SmsFactorEnrolment();
    }

    @Override
    public String getId() {
        return "sms";
    }
}
