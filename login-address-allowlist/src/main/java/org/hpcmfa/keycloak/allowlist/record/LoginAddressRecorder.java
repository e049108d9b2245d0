package org.hpcmfa.keycloak.allowlist.record;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records the address of each two-factor login ({@link TwoFactorLogins}) in realms that turned the allow-list on.
 * The row is written after the login's own transaction committed, in a transaction of its own: a login that
 * failed records nothing, and a failed write (two nodes recording the same first login at once) never turns a
 * successful login into an error page; the next login records it.
 */
final class LoginAddressRecorder implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(LoginAddressRecorder.class);

    private final KeycloakSession session;

    LoginAddressRecorder(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null || !AllowlistSettings.of(realm).enabled()) {
            return;
        }
        TwoFactorLogins.of(session, realm, event).ifPresent(login -> afterCommit(realm.getId(), login));
    }

    private void afterCommit(String realmId, TwoFactorLogins.Login login) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, s -> record(s, realmId, login));
                } catch (RuntimeException failed) {
                    LOG.warnf("Could not record a login address of user %s in realm %s: %s", login.userId(), realmId,
                            failed.getClass().getSimpleName());
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
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
