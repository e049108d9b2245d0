package org.hpcmfa.keycloak.push.credential;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class PushCredentialProviderFactory implements CredentialProviderFactory<PushCredentialProvider> {

    @Override
    public String getId() {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public PushCredentialProvider create(KeycloakSession session) {
        return new PushCredentialProvider(session);
    }
}
