package org.hpcmfa.keycloak.accountrecovery.disable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

class RemovalTokensTest {

    /** Keycloak's single-use store as far as the tokens use it (no lifespans: expiry is the token's own). */
    static final class MemoryStore implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, Map.copyOf(notes));
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, notes) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void aTokenIsShortStoredOnlyAsAHashBoundToItsPersonAndFactorsAndWorksOnce() {
        MemoryStore store = new MemoryStore();
        RemovalTokens tokens = new RemovalTokens(store, "realm");
        String[] issued = tokens.issue("user-1", List.of("c1", "c2"), 900);
        assertTrue(issued[0].matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), issued[0]);
        assertTrue(store.entries.keySet().stream().noneMatch(k -> k.contains(issued[0].replace("-", "")))
                && store.entries.toString().indexOf(issued[0]) < 0, "the token is stored in clear");

        RemovalTokens.Bound bound = tokens.find(" " + issued[0].toLowerCase().replace("-", " ") + " ");
        assertNotNull(bound, "a pasted token with spaces and lower case is the same token");
        assertEquals("user-1", bound.userId());
        assertEquals(List.of("c1", "c2"), bound.credentialIds());
        assertTrue(tokens.claim(bound));
        assertFalse(tokens.claim(bound), "a token worked twice");
        assertNull(tokens.find(issued[0]));
    }

    @Test
    void anExpiredTokenIsStillFoundSoThePersonIsToldItExpired() {
        RemovalTokens tokens = new RemovalTokens(new MemoryStore(), "realm");
        String[] issued = tokens.issue("user-1", List.of("c1"), 900);
        Time.setOffset(901);
        RemovalTokens.Bound bound = tokens.find(issued[0]);
        assertNotNull(bound);
        assertTrue(Time.currentTime() > bound.expires());
    }

    @Test
    void malformedInputIsNoToken() {
        RemovalTokens tokens = new RemovalTokens(new MemoryStore(), "realm");
        for (String typed : new String[] {null, "", "AAAA-BBBB", "AAAA-BBBB-CCCC-DDDD", "IIII-OOOO-LLLL", "x".repeat(100)}) {
            assertNull(tokens.find(typed), String.valueOf(typed));
        }
        assertEquals("ABCD-EFGH-JKMN", RemovalTokens.normalize("abcd efgh-jkmn"));
    }
}
