package org.hpcmfa.keycloak.common.trust;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Factories of {@link TrustWithdrawnListener}; stateless, so the lifecycle methods have nothing to do. */
public interface TrustWithdrawnListenerFactory extends ProviderFactory<TrustWithdrawnListener> {

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
