package org.hpcmfa.keycloak.recoverycodes.directgrant;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers "Condition - recovery code typed" for direct-grant flows. */
public class RecoveryCodeTypedConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-condition-recovery-code-typed";

    private static final RecoveryCodeTypedCondition SINGLETON = new RecoveryCodeTypedCondition();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - recovery code typed";
    }

    @Override
    public String getHelpText() {
        return "Direct grant only: true when the code field (otp, or totp) holds a recovery code rather than a "
                + "6-digit code. Put it first in a conditional sub-flow with 'Recovery code (direct grant)', and "
                + "guard the OTP sub-flow with 'Condition - sub-flow executed' (not executed) naming that sub-flow.";
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
    public ConditionalAuthenticator getSingleton() {
        return SINGLETON;
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
