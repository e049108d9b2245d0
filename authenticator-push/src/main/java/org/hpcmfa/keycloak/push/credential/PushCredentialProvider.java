package org.hpcmfa.keycloak.push.credential;

import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Push devices as Keycloak credentials: listed, renamed and removed in the Account Console and admin console. */
public class PushCredentialProvider implements CredentialProvider<PushDeviceCredentialModel>, CredentialInputValidator {

    public static final String SETUP_ACTION = "hpc-push-setup";

    private final KeycloakSession session;

    public PushCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PushDeviceCredentialModel model) {
        return user.credentialManager().createStoredCredential(model);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public PushDeviceCredentialModel getCredentialFromModel(CredentialModel model) {
        return PushDeviceCredentialModel.from(model);
    }

    public List<PushDeviceCredentialModel> devices(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType()).map(this::getCredentialFromModel).toList();
    }

    public Optional<PushDeviceCredentialModel> device(UserModel user, String serial) {
        return devices(user).stream().filter(d -> d.serial().equals(serial)).findFirst();
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("authenticator-push.credentialDisplayName")
                .helpText("authenticator-push.credentialHelpText")
                .iconCssClass("kcAuthenticatorMobileClass")
                .createAction(SETUP_ACTION)
                .removeable(true)
                .build(session);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType)
                && user.credentialManager().getStoredCredentialsByTypeStream(getType()).findAny().isPresent();
    }

    /** Always false: a push approval is proven by the phone's signed answer, never by a typed credential. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput credentialInput) {
        return false;
    }
}
