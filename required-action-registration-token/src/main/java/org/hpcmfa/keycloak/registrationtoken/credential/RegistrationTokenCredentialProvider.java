package org.hpcmfa.keycloak.registrationtoken.credential;

import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stores registration tokens, at most one per user: creating one replaces the user's earlier token, used or
 * not. Admins see and delete them in the user's Credentials tab.
 */
public class RegistrationTokenCredentialProvider implements CredentialProvider<RegistrationTokenCredentialModel> {

    private final KeycloakSession session;

    public RegistrationTokenCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return RegistrationTokenCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, RegistrationTokenCredentialModel model) {
        user.credentialManager().getStoredCredentialsByTypeStream(getType()).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        return user.credentialManager().createStoredCredential(model);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public RegistrationTokenCredentialModel getCredentialFromModel(CredentialModel model) {
        return RegistrationTokenCredentialModel.createFromCredentialModel(model);
    }

    public Optional<RegistrationTokenCredentialModel> current(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .findFirst().map(this::getCredentialFromModel);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("required-action-registration-token.credentialDisplayName")
                .helpText("required-action-registration-token.credentialHelpText")
                .removeable(true)
                .build(session);
    }
}
