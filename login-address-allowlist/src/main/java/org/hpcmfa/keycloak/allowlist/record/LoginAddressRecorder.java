package org.hpcmfa.keycloak.allowlist.record;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records the address of each two-factor login ({@link TwoFactorLogins}) in realms that turned the allow-list on.
 * Keycloak sends the LOGIN event once the login succeeded; the row is written in a transaction of its own, so a
 * failed write (two nodes recording the same first login at once) never turns that login into an error page.
 */
final class LoginAddressRecorder implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(LoginAddressRecorder.class);

    private final KeycloakSession session;

    LoginAddressRecorder(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN || event.getError() != null) {
            return; // the common case first: no realm lookup for the many events that are not logins
        }
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null || !AllowlistSettings.of(realm).enabled()) {
            return;
        }
        TwoFactorLogins.of(session, realm, event).ifPresent(login -> recordApart(realm.getId(), login));
    }

    /**
     * In a transaction of its own (Keycloak suspends the login's while it runs): a failed write is logged and
     * never turns a successful login into an error page; the next login records the address.
     */
    private void recordApart(String realmId, TwoFactorLogins.Login login) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> record(s, realmId, login));
        } catch (RuntimeException failed) {
            Throwable cause = failed;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            LOG.warnf("Could not record a login address of user %s in realm %s: %s (%s)", login.userId(), realmId,
                    failed.getMessage(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private static void record(KeycloakSession session, String realmId, TwoFactorLogins.Login login) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        AllowlistSettings settings = AllowlistSettings.of(realm);
        long now = Time.currentTime();
        new LoginAddresses(session, realmId).record(login.userId(), login.address(), login.source(), now,
                settings.allowedSince(now), settings.maxPerUser());
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
