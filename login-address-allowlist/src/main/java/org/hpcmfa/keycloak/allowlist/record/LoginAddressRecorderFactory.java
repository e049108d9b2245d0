package org.hpcmfa.keycloak.allowlist.record;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener "hpc-login-address". Global: Keycloak calls it in every realm without it being listed in the
 * realm's event listeners; it does nothing in a realm whose allow-list is off.
 */
public class LoginAddressRecorderFactory implements EventListenerProviderFactory {

    public static final String ID = "hpc-login-address";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LoginAddressRecorder(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}
