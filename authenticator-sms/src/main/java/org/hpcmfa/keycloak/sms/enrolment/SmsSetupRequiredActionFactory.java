package org.hpcmfa.keycloak.sms.enrolment;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class SmsSetupRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "hpc-sms-setup";

    private static final SmsSetupRequiredAction ACTION = new SmsSetupRequiredAction();

    @Override
    public String getDisplayText() {
        return "Set up SMS codes";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
