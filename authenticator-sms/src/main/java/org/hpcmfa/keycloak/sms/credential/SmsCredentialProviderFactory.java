package org.hpcmfa.keycloak.sms.credential;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class SmsCredentialProviderFactory implements CredentialProviderFactory<SmsCredentialProvider> {

    @Override
    public String getId() {
        return SmsCredentialProvider.TYPE;
    }

    @Override
    public SmsCredentialProvider create(KeycloakSession session) {
        return new SmsCredentialProvider(session);
    }
}
