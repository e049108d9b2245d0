package org.hpcmfa.keycloak.sshcert.keys;

import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Registered SSH keys as Keycloak credentials. Category "basic authentication": with a second factor, possession
 * of a registered key is a person's first factor (proven by a signature at the CA, never by a login form), like
 * the password it can stand in for. Removable by the person (Account Console) and by admins (Credentials tab).
 */
public class SshKeyCredentialProvider implements CredentialProvider<SshKeyCredentialModel> {

    private final KeycloakSession session;

    public SshKeyCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return SshKeyCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, SshKeyCredentialModel model) {
        return user.credentialManager().createStoredCredential(model);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public SshKeyCredentialModel getCredentialFromModel(CredentialModel model) {
        return SshKeyCredentialModel.from(model);
    }

    public List<SshKeyCredentialModel> keys(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType()).map(this::getCredentialFromModel)
                .toList();
    }

    public Optional<SshKeyCredentialModel> byFingerprint(UserModel user, String fingerprint) {
        return keys(user).stream().filter(k -> k.fingerprint().equals(fingerprint)).findFirst();
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("ssh-cert-endpoint.sshKeyDisplayName")
                .helpText("ssh-cert-endpoint.sshKeyHelpText")
                .iconCssClass("kcAuthenticatorPasswordClass")
                .createAction(SshKeyRegisterAction.ID)
                .removeable(true)
                .build(session);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }
}
