package org.hpcmfa.keycloak.emailotp.credential;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class EmailCodeCredentialProviderFactory implements CredentialProviderFactory<EmailCodeCredentialProvider> {

    @Override
    public String getId() {
        return EmailCodeCredentialProvider.TYPE;
    }

    @Override
    public EmailCodeCredentialProvider create(KeycloakSession session) {
        return new EmailCodeCredentialProvider(session);
    }
}
