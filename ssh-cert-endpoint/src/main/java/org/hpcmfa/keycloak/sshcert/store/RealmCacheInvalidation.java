package org.hpcmfa.keycloak.sshcert.store;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.CacheRealmProvider;

/**
 * Marks a realm changed in Keycloak's realm cache without writing to the database: when the transaction
 * commits, every node of the cluster drops its cached copy of the realm, and with it what the pack keeps
 * alongside that copy (the built KRL, see {@code CachedKrl}). Keycloak sends the invalidation only after the
 * commit, so a node that rebuilds because of it reads the committed revocation.
 */
final class RealmCacheInvalidation {

    private RealmCacheInvalidation() {
    }

    static void realmChanged(KeycloakSession session, String realmId) {
        CacheRealmProvider cache = session.getProvider(CacheRealmProvider.class);
        if (cache == null) {
            return; // realm cache switched off: nothing is kept, every KRL request reads the database
        }
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            cache.registerRealmInvalidation(realm.getId(), realm.getName());
        }
    }
}
