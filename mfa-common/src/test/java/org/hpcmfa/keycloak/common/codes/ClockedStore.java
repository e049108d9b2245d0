package org.hpcmfa.keycloak.common.codes;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/** Keycloak's single-use store reduced to its contract: entries with a lifespan, atomic putIfAbsent. */
public final class ClockedStore implements SingleUseObjectProvider {
    record Entry(long expiresAt, Map<String, String> notes) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** The store's clock in seconds; tests move it. */
    public long now;

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAt() <= now) {
            entries.remove(key);
            return null;
        }
        return e;
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
        Entry e = live(key);
        entries.remove(key);
        return e == null ? null : e.notes();
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        Entry e = live(key);
        if (e == null) {
            return false;
        }
        entries.put(key, new Entry(e.expiresAt(), notes));
        return true;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (live(key) != null) {
            return false;
        }
        put(key, lifespanInSeconds, Map.of());
        return true;
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    @Override
    public void close() {
    }
}
