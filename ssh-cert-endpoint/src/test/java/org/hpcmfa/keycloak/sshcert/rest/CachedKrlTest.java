package org.hpcmfa.keycloak.sshcert.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.CachedRealmModel;

/** When a poll is answered from the list kept with the cached realm, and when the list is built again. */
class CachedKrlTest {

    private static final long NOW = 1_764_720_000L;

    private final AtomicInteger builds = new AtomicInteger();

    private Supplier<RevocationList.Built> builder(long validUntil) {
        return () -> {
            builds.incrementAndGet();
            return new RevocationList.Built(new RevocationList.Version("\"krl-" + builds.get() + "\"", NOW - 100),
                    new byte[] {1, 2, 3}, validUntil);
        };
    }

    /** A cached realm whose "cached with" map is {@code keptWithRealm}, as Keycloak's realm cache hands it out. */
    private static RealmModel cachedRealm(ConcurrentHashMap<Object, Object> keptWithRealm) {
        return (RealmModel) Proxy.newProxyInstance(CachedKrlTest.class.getClassLoader(),
                new Class<?>[] {CachedRealmModel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCachedWith")) {
                        return keptWithRealm;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void whileNothingChangedTheKeptListAnswersWithoutABuild() {
        RealmModel realm = cachedRealm(new ConcurrentHashMap<>());
        RevocationList.Built first = CachedKrl.current(realm, NOW, builder(NOW + 3600));
        RevocationList.Built again = CachedKrl.current(realm, NOW + 3599, builder(NOW + 3600));
        assertSame(first, again);
        assertEquals(1, builds.get());
    }

    @Test
    void aListedCertificateExpiringEndsTheKeptList() {
        RealmModel realm = cachedRealm(new ConcurrentHashMap<>());
        RevocationList.Built first = CachedKrl.current(realm, NOW, builder(NOW + 60));
        RevocationList.Built atExpiry = CachedKrl.current(realm, NOW + 60, builder(Long.MAX_VALUE));
        assertEquals(2, builds.get());
        assertEquals("\"krl-2\"", atExpiry.version().etag());
        assertSame(atExpiry, CachedKrl.current(realm, NOW + 86_400, builder(Long.MAX_VALUE)), "no expiry left");
        assertEquals(2, builds.get());
        assertEquals("\"krl-1\"", first.version().etag());
    }

    @Test
    void aRealmChangeDropsTheKeptList() {
        // Keycloak replaces the cached realm, and its map, when the realm is invalidated on this or another node.
        CachedKrl.current(cachedRealm(new ConcurrentHashMap<>()), NOW, builder(Long.MAX_VALUE));
        CachedKrl.current(cachedRealm(new ConcurrentHashMap<>()), NOW, builder(Long.MAX_VALUE));
        assertEquals(2, builds.get());
    }

    @Test
    void withoutTheRealmCacheEveryRequestBuilds() {
        RealmModel uncached = (RealmModel) Proxy.newProxyInstance(CachedKrlTest.class.getClassLoader(),
                new Class<?>[] {RealmModel.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        CachedKrl.current(uncached, NOW, builder(Long.MAX_VALUE));
        CachedKrl.current(uncached, NOW, builder(Long.MAX_VALUE));
        assertEquals(2, builds.get());
    }
}
