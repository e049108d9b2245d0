package org.hpcmfa.keycloak.common.terminal;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Factories of {@link TerminalCertificates}; stateless, so the lifecycle methods have nothing to do. */
public interface TerminalCertificatesProviderFactory extends ProviderFactory<TerminalCertificates> {

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
