package org.hpcmfa.keycloak.common.selfservice;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Factories of {@link RecoveryCodeIssuer}; stateless, so the lifecycle methods have nothing to do. */
public interface RecoveryCodeIssuerProviderFactory extends ProviderFactory<RecoveryCodeIssuer> {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
