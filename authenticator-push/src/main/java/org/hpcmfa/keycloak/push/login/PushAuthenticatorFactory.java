package org.hpcmfa.keycloak.push.login;

import java.util.List;
import java.util.Set;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.push.challenge.PushLoginConfig;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

public class PushAuthenticatorFactory implements AuthenticatorFactory {

    /** Named for the credential it checks; realms refer to it in their flows, so it never changes. */
    public static final String PROVIDER_ID = CredentialTypes.PUSH;

    private static final PushAuthenticator AUTHENTICATOR = new PushAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Push approval (privacyIDEA Authenticator)";
    }

    @Override
    public String getHelpText() {
        return "Sends a login request to the user's phones in the privacyIDEA Authenticator app and waits for the "
                + "approval; also accepts a TOTP code from users who have TOTP.";
    }

    /** "otp", so Keycloak's brute-force detection counts wrong numbers and wrong codes. */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /** Our credential type, so the Account Console lists push devices among the second factors. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(PushDeviceCredentialModel.TYPE);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PushLoginConfig.properties();
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
