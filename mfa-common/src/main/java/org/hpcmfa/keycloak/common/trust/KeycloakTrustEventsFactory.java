package org.hpcmfa.keycloak.common.trust;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;

/**
 * Event listener "hpc-trust-withdrawn". It is global: Keycloak calls it in every realm without it being listed
 * in the realm's event listeners, so no realm can forget it. It also announces user deletion, which Keycloak
 * publishes as a {@link UserModel.UserRemovedEvent} inside the deleting transaction (admin console, Account
 * Console "delete account", user federation).
 */
public class KeycloakTrustEventsFactory implements EventListenerProviderFactory {

    public static final String ID = "hpc-trust-withdrawn";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new KeycloakTrustEvents(session);
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
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                TrustWithdrawals.announce(removed.getKeycloakSession(), new TrustWithdrawal(removed.getRealm(),
                        removed.getUser().getId(), removed.getUser().getUsername(), TrustWithdrawal.Reason.USER_DELETED,
                        "keycloak"));
            }
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}
