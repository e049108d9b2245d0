package org.hpcmfa.keycloak.recoverycodes.login;

import java.util.List;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers the any-order recovery-code form ("Recovery code" under "Try another way"). */
public class RecoveryCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-recovery-code";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Recovery code (any order)";
    }

    @Override
    public String getHelpText() {
        return "One of the user's recovery codes, any of them, each once. Replaces Keycloak's 'Recovery "
                + "Authentication Code Form', which asks for the codes in order; reads the same stored codes. The "
                + "number of codes and the low-codes warning are settings of the 'Recovery codes' required action.";
    }

    @Override
    public String getReferenceCategory() {
        // The credential type: Keycloak and the pack's certificate rules recognise the factor by it.
        return RecoveryCodes.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};
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
        return new RecoveryCodeAuthenticator();
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
