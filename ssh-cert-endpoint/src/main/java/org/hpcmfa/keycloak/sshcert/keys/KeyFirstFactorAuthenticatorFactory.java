package org.hpcmfa.keycloak.sshcert.keys;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** The flow step; its reference category is the credential type, so the Account Console lists SSH keys. */
public class KeyFirstFactorAuthenticatorFactory implements AuthenticatorFactory {

    public static final String ID = "hpc-ssh-key-first-factor";
    private static final KeyFirstFactorAuthenticator AUTHENTICATOR = new KeyFirstFactorAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Registered SSH key (first factor)";
    }

    @Override
    public String getHelpText() {
        return "For hpc-ssh-cert device logins without a password: after the username and before the second factor. "
                + "The certificate request must then carry a signature of one of the person's registered SSH keys. "
                + "Needs 'Registered key as first factor' on the realm's SSH CA.";
    }

    @Override
    public String getReferenceCategory() {
        return SshKeyCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
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
