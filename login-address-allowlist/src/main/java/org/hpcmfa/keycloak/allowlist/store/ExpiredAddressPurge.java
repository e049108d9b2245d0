package org.hpcmfa.keycloak.allowlist.store;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes, in every realm, the addresses whose last two-factor login is older than the realm's days: the firewall
 * list already leaves them out; this keeps the table to what can still count. Run by Keycloak's timer on one node
 * of the cluster at a time.
 */
final class ExpiredAddressPurge implements ScheduledTask {

    static final long INTERVAL_MILLIS = 60L * 60 * 1000;

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTime();
        session.realms().getRealmsStream().forEach(realm -> new LoginAddresses(session, realm.getId())
                .removeSeenBefore(AllowlistSettings.of(realm).allowedSince(now)));
    }

    @Override
    public String getTaskName() {
        return "hpc-login-address-purge";
    }
}
