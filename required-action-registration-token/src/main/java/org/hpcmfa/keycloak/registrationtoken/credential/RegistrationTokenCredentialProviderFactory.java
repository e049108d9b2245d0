package org.hpcmfa.keycloak.registrationtoken.credential;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class RegistrationTokenCredentialProviderFactory
        implements CredentialProviderFactory<RegistrationTokenCredentialProvider> {

    @Override
    public String getId() {
        return RegistrationTokenCredentialModel.TYPE;
    }

    @Override
    public RegistrationTokenCredentialProvider create(KeycloakSession session) {
        return new RegistrationTokenCredentialProvider(session);
    }
}
