package org.hpcmfa.keycloak.common.enrolment;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Factories of {@link EnrolmentTokenIssuer}; stateless, so the lifecycle methods have nothing to do. */
public interface EnrolmentTokenIssuerFactory extends ProviderFactory<EnrolmentTokenIssuer> {

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
