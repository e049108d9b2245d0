package org.hpcmfa.keycloak.sshcert.keys;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class SshKeyCredentialProviderFactory implements CredentialProviderFactory<SshKeyCredentialProvider> {

    @Override
    public String getId() {
        return SshKeyCredentialModel.TYPE;
    }

    @Override
    public SshKeyCredentialProvider create(KeycloakSession session) {
        return new SshKeyCredentialProvider(session);
    }
}
