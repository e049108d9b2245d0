package org.hpcmfa.keycloak.push.challenge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use store reduced to its contract, safe for many threads at once like the cluster-wide store:
 * entries with a lifespan (on a clock the test sets), and an atomic putIfAbsent.
 */
final class ConcurrentStore implements SingleUseObjectProvider {

    private record Entry(long expiresAt, Map<String, String> notes) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Seconds; tests move it. */
    volatile long now;

    private Entry live(String key) {
        Entry e = entries.get(key);
        return e == null || e.expiresAt() <= now ? null : e;
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(now + lifespanSeconds, notes));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry e = live(key);
        return e == null ? null : e.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry e = entries.remove(key);
        return e == null ? null : e.notes();
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        return entries.computeIfPresent(key, (k, e) -> new Entry(e.expiresAt(), notes)) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        Entry fresh = new Entry(now + lifespanInSeconds, Map.of());
        boolean[] claimed = {false};
        entries.compute(key, (k, old) -> {
            if (old == null || old.expiresAt() <= now) {
                claimed[0] = true;
                return fresh;
            }
            return old;
        });
        return claimed[0];
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    @Override
    public void close() {
    }
}
