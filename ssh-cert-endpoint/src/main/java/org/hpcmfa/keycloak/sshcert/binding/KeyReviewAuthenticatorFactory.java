package org.hpcmfa.keycloak.sshcert.binding;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** "SSH key review": put it last (REQUIRED, top level) in the flow that SSH device logins use. */
public class KeyReviewAuthenticatorFactory implements AuthenticatorFactory {

    public static final String ID = "hpc-ssh-key-review";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "SSH key review";
    }

    @Override
    public String getHelpText() {
        return "Last step of SSH device logins: shows the client, the requesting address, the SSH key's fingerprint, "
                + "the principals and the certificate lifetime, with 'Approve' (the login's tokens then sign only "
                + "that key) and 'This was not me' (the login is denied, an event is recorded and the user is "
                + "mailed). Other logins pass through. Needs the user: place it after the factors.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new KeyReviewAuthenticator();
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
