package org.hpcmfa.keycloak.passwordotp;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** "Username, password and OTP": the one-page login of UCLouvain CISM's web services. */
public class PasswordOtpFormAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-password-otp-form";

    private static final PasswordOtpFormAuthenticator AUTHENTICATOR = new PasswordOtpFormAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username, password and OTP";
    }

    @Override
    public String getHelpText() {
        return "One login page with username, password and an 'OTP (optional)' field: users who have an "
                + "authenticator app (OTP credential) must give its code with their password, users without one "
                + "leave the field empty. Use it instead of 'Username Password Form' plus 'OTP Form'.";
    }

    /**
     * "password": this step establishes the user and its failures are failed logins. That the code was used is
     * recorded as a credential of the login and in the user session (see SecondFactorSession).
     */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PasswordOtpConfig.properties();
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
