package org.hpcmfa.keycloak.recoverycodes.issuer;

import org.hpcmfa.keycloak.common.selfservice.RecoveryCodeIssuer;
import org.hpcmfa.keycloak.common.selfservice.RecoveryCodeIssuerProviderFactory;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.keycloak.models.KeycloakSession;

/** Registers the pack's recovery codes with the account API's SPI. */
public class PackRecoveryCodeIssuerFactory implements RecoveryCodeIssuerProviderFactory {

    @Override
    public RecoveryCodeIssuer create(KeycloakSession session) {
        return new PackRecoveryCodeIssuer();
    }

    @Override
    public String getId() {
        return RecoveryCodeSettings.ACTION_ID;
    }
}
