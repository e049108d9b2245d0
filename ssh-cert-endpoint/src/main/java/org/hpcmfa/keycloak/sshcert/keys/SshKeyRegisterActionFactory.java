package org.hpcmfa.keycloak.sshcert.keys;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class SshKeyRegisterActionFactory implements RequiredActionFactory {

    private static final SshKeyRegisterAction ACTION = new SshKeyRegisterAction();

    @Override
    public String getId() {
        return SshKeyRegisterAction.ID;
    }

    @Override
    public String getDisplayText() {
        return "Register an SSH key";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
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
