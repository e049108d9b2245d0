package org.hpcmfa.keycloak.recoverycodes.directgrant;

import java.util.List;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers "Recovery code (direct grant)", the terminal command's sign-in with a recovery code. */
public class DirectGrantRecoveryCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-direct-grant-recovery-code";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Recovery code (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "Direct grant only: one of the user's recovery codes in the code field (otp, or totp), any of them, "
                + "each once, where 'OTP' would check a 6-digit code. Wrong codes count as failed logins. Use it "
                + "after 'Condition - recovery code typed' in a conditional sub-flow (docs/recovery-codes.md).";
    }

    @Override
    public String getReferenceCategory() {
        // The credential type: the pack's two-factor evidence recognises the factor by it, as for the login form.
        return RecoveryCodes.TYPE;
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
        return new DirectGrantRecoveryCodeAuthenticator();
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
