package org.hpcmfa.keycloak.recoverycodes.action;

import java.util.List;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.Config;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/** Registers the recovery-codes action and its realm settings (the gear icon beside it under Required actions). */
public class RecoveryCodesActionFactory implements RequiredActionFactory, CredentialRegistrator {

    private static List<ProviderConfigProperty> settings() {
        return ProviderConfigurationBuilder.create()
                .property().name(RecoveryCodeSettings.COUNT).label("Number of codes")
                .helpText("How many recovery codes a new set has (" + RecoveryCodeSettings.MIN_COUNT + " to "
                        + RecoveryCodeSettings.MAX_COUNT + "; default " + RecoveryCodeSettings.DEFAULT_COUNT
                        + "). Applies to sets issued from now on; existing sets keep their codes.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(RecoveryCodeSettings.DEFAULT_COUNT).add()
                .property().name(RecoveryCodeSettings.WARN_AT).label("Warn at")
                .helpText("After a login with a recovery code that leaves this many codes or fewer, the person is "
                        + "warned and offered a new set (default " + RecoveryCodeSettings.DEFAULT_WARN_AT + "). The "
                        + "account API gives the terminal command the same threshold.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(RecoveryCodeSettings.DEFAULT_WARN_AT).add()
                .build();
    }

    @Override
    public String getId() {
        return RecoveryCodeSettings.ACTION_ID;
    }

    @Override
    public String getDisplayText() {
        return "Recovery codes (any order)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new RecoveryCodesAction();
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return RecoveryCodes.TYPE;
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return java.util.stream.Stream.concat(settings().stream(), RequiredActionFactory.super.getConfigMetadata().stream())
                .toList();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        requireRange(model, RecoveryCodeSettings.COUNT, RecoveryCodeSettings.MIN_COUNT, RecoveryCodeSettings.MAX_COUNT);
        requireRange(model, RecoveryCodeSettings.WARN_AT, 0, RecoveryCodeSettings.MAX_COUNT - 1);
    }

    private void requireRange(RequiredActionConfigModel model, String name, int min, int max) {
        String value = model.getConfigValue(name);
        if (value == null || value.isBlank()) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException unreadable) {
            throw new ValidationException(new ValidationError(getId(), name, "error-invalid-value"));
        }
        if (number < min) {
            throw new ValidationException(new ValidationError(getId(), name, "error-number-out-of-range-too-small", min));
        }
        if (number > max) {
            throw new ValidationException(new ValidationError(getId(), name, "error-number-out-of-range-too-big", max));
        }
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
