package org.hpcmfa.keycloak.sshcert.rest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.CachedRealmModel;

/**
 * The built KRL, kept with Keycloak's cached copy of the realm ({@link CachedRealmModel#getCachedWith()}), so a
 * login node's poll costs no database query while nothing changed. Keycloak drops that copy, on every node,
 * whenever the realm changes: a CA rotation (components are part of the realm) or a revocation
 * ({@code CertificateRecords.revoke} marks the realm changed). A listed certificate expiring is the one change
 * without an event, so a kept list is used only until its {@code validUntil}.
 *
 * <p>Derived data only, rebuilt from the database whenever it is missing: a node that restarts, or never built
 * the list, reads the same rows and produces the same bytes and ETag. No login or challenge state is kept here.
 */
final class CachedKrl {

    private static final String KEY = "hpc-ssh-ca.krl";

    private CachedKrl() {
    }

    static RevocationList.Built current(KeycloakSession session, RealmModel realm, long now) {
        return current(realm, now, () -> RevocationList.build(session, realm, now));
    }

    @SuppressWarnings("unchecked")
    static RevocationList.Built current(RealmModel realm, long now, Supplier<RevocationList.Built> build) {
        if (!(realm instanceof CachedRealmModel cachedRealm)) {
            return build.get(); // realm cache off, or the realm changed in this request
        }
        ConcurrentHashMap<Object, Object> keptWithRealm = cachedRealm.getCachedWith();
        if (keptWithRealm.get(KEY) instanceof RevocationList.Built kept && now < kept.validUntil()) {
            return kept;
        }
        RevocationList.Built built = build.get();
        keptWithRealm.put(KEY, built);
        return built;
    }
}
