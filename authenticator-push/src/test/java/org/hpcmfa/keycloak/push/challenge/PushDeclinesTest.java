package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Repeated "not me" answers lock push for the user, once, for the configured time; an approval forgives. */
class PushDeclinesTest {

    private static final long NOW = 10_000;

    private final ConcurrentStore store = new ConcurrentStore();
    private final KeycloakSession session = Fakes.session(store);
    private final RealmModel realm = Fakes.realm("realm-1", "demo", null);
    private final UserModel alice = Fakes.user("alice-id", "alice");

    private static PushLoginConfig config(int declines, int lockMinutes) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of(PushLoginConfig.DECLINES_BEFORE_LOCK, String.valueOf(declines),
                PushLoginConfig.LOCK_MINUTES, String.valueOf(lockMinutes)));
        return PushLoginConfig.from(model);
    }

    @Test
    void theDeclineAtTheLimitLocksForTheConfiguredTime() {
        PushLoginConfig config = config(3, 30);
        assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW));
        assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW));
        assertFalse(PushDeclines.locked(alice, NOW));
        assertTrue(PushDeclines.recordDecline(session, realm, alice, config, NOW), "the third locks");
        assertEquals(String.valueOf(NOW + 30 * 60), alice.getFirstAttribute(PushDeclines.LOCKED_UNTIL));
        assertTrue(PushDeclines.locked(alice, NOW + 30 * 60 - 1));
        assertFalse(PushDeclines.locked(alice, NOW + 30 * 60), "the lock lifts by itself");
    }

    @Test
    void anApprovalForgivesEarlierDeclines() {
        PushLoginConfig config = config(2, 60);
        assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW));
        PushDeclines.recordApproval(session, realm, alice);
        assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW), "counting started again");
        assertTrue(PushDeclines.recordDecline(session, realm, alice, config, NOW));
    }

    @Test
    void oneUsersDeclinesDoNotLockAnother() {
        PushLoginConfig config = config(2, 60);
        UserModel bob = Fakes.user("bob-id", "bob");
        assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW));
        assertFalse(PushDeclines.recordDecline(session, realm, bob, config, NOW));
        assertFalse(PushDeclines.locked(bob, NOW));
    }

    @Test
    void anAdminRemovingOrSpoilingTheAttributeLiftsTheLock() {
        alice.setSingleAttribute(PushDeclines.LOCKED_UNTIL, String.valueOf(NOW + 60));
        assertTrue(PushDeclines.locked(alice, NOW));
        alice.setSingleAttribute(PushDeclines.LOCKED_UNTIL, "soon");
        assertFalse(PushDeclines.locked(alice, NOW), "unreadable: not locked, rather than locked forever");
        alice.removeAttribute(PushDeclines.LOCKED_UNTIL);
        assertFalse(PushDeclines.locked(alice, NOW));
    }

    @Test
    void twentyConcurrentDeclinesWithALimitOfTwentyLockExactlyOnce() throws Exception {
        PushLoginConfig config = config(20, 60);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return PushDeclines.recordDecline(session, realm, alice, config, NOW);
                }));
            }
            start.countDown();
            int locks = 0;
            for (Future<Boolean> result : results) {
                locks += result.get() ? 1 : 0;
            }
            assertEquals(1, locks, "every decline counted, exactly one locks");
            assertTrue(PushDeclines.locked(alice, NOW));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zeroNeverLocks() {
        PushLoginConfig config = config(0, 60);
        for (int i = 0; i < 30; i++) {
            assertFalse(PushDeclines.recordDecline(session, realm, alice, config, NOW));
        }
        assertFalse(PushDeclines.locked(alice, NOW));
    }
}
