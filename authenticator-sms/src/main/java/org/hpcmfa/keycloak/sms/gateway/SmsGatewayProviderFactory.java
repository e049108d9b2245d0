package org.hpcmfa.keycloak.sms.gateway;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/** Factories of {@link SmsGateway}; the id is what the admin picks as "Gateway" ({@code webhook}, {@code twilio}). */
public interface SmsGatewayProviderFactory extends ProviderFactory<SmsGateway> {

    /** The gateway's settings, with help texts; shown in the SMS execution's configuration. */
    List<ProviderConfigProperty> settings();

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
