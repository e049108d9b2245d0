package org.hpcmfa.keycloak.recoverycodes.credential;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Takes the place of Keycloak's recovery-code credential provider: the same provider id, and Keycloak prefers a
 * deployed provider to its built-in one of the same id. Stored credentials are untouched, so codes issued before
 * the pack was installed keep working and Keycloak's Account Console keeps listing them.
 */
public class AnyOrderRecoveryCodesCredentialProviderFactory extends RecoveryAuthnCodesCredentialProviderFactory
        implements CredentialProviderFactory<org.keycloak.credential.RecoveryAuthnCodesCredentialProvider> {

    @Override
    public AnyOrderRecoveryCodesCredentialProvider create(KeycloakSession session) {
        return new AnyOrderRecoveryCodesCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
