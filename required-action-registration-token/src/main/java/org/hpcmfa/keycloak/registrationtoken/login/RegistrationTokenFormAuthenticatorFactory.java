package org.hpcmfa.keycloak.registrationtoken.login;

import java.util.List;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class RegistrationTokenFormAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-registration-token-form";

    private static final RegistrationTokenFormAuthenticator AUTHENTICATOR = new RegistrationTokenFormAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username and registration token or TOTP";
    }

    @Override
    public String getHelpText() {
        return "Login form with a username and, in the password field, a one-time secret: the registration token "
                + "of a first login (the user must then enrol a second factor), later a TOTP or recovery code.";
    }

    /** "password": the secret is typed in the password field and failures count as failed passwords. */
    @Override
    public String getReferenceCategory() {
        return CredentialTypes.PASSWORD;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OneTimeSecretConfig.properties();
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
