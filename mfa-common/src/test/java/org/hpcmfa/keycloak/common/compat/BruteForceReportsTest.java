package org.hpcmfa.keycloak.common.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

import jakarta.ws.rs.core.UriInfo;

/**
 * The three shapes of the detector: the 26.5 one (four parameters), the 26.6 one (a fifth parameter, one category
 * as a String) and the 26.7+ one (a set of categories). The later two are simulated by detector classes that
 * declare the five-parameter methods, as Keycloak's own detector does from 26.6 on.
 */
class BruteForceReportsTest {

    /** Keycloak up to 26.5: only the four-parameter methods. */
    static class Detector265 implements BruteForceProtector {
        final List<String> calls = new ArrayList<>();

        @Override
        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            calls.add("failed");
        }

        @Override
        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            calls.add("success");
        }

        @Override
        public boolean isTemporarilyDisabled(KeycloakSession session, RealmModel realm, UserModel user) {
            return false;
        }

        @Override
        public boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
            return false;
        }

        @Override
        public void cleanUpPermanentLockout(KeycloakSession session, RealmModel realm, UserModel user) {
        }

        @Override
        public void close() {
        }
    }

    /** Keycloak 26.7 and later: the methods take the categories (the old ones are gone there). */
    static class Detector267 extends Detector265 {
        final List<Set<String>> categories = new ArrayList<>();

        @Override
        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            throw new AssertionError("26.7 has no four-parameter failedLogin");
        }

        @Override
        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            throw new AssertionError("26.7 has no four-parameter successfulLogin");
        }

        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri,
                Set<String> categories) {
            calls.add("failed");
            this.categories.add(categories);
        }

        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri,
                Set<String> categories) {
            calls.add("success");
            this.categories.add(categories);
        }
    }

    /** Keycloak 26.6: the methods take one category as a String (the four-parameter ones are gone there). */
    static class Detector266 extends Detector265 {
        final List<String> categories = new ArrayList<>();

        @Override
        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            throw new AssertionError("26.6 has no four-parameter failedLogin");
        }

        @Override
        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
            throw new AssertionError("26.6 has no four-parameter successfulLogin");
        }

        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri,
                String category) {
            calls.add("failed");
            categories.add(category);
        }

        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri,
                String category) {
            calls.add("success");
            categories.add(category);
        }
    }

    @Test
    void keycloak266DetectorGetsTheOneCategoryOfTheFactor() {
        Detector266 detector = new Detector266();
        assertTrue(BruteForceReports.takesCategories(detector));
        BruteForceReports.failedLogin(detector, null, null, null, null, "otp");
        BruteForceReports.successfulLogin(detector, null, null, null, null, "hpc-push");
        assertEquals(List.of("failed", "success"), detector.calls);
        assertEquals(List.of("otp", "hpc-push"), detector.categories);
    }

    @Test
    void keycloak265DetectorGetsTheFourParameterCalls() {
        Detector265 detector = new Detector265();
        assertFalse(BruteForceReports.takesCategories(detector));
        BruteForceReports.failedLogin(detector, null, null, null, null, "otp");
        BruteForceReports.successfulLogin(detector, null, null, null, null, "otp");
        assertEquals(List.of("failed", "success"), detector.calls);
    }

    @Test
    void keycloak267DetectorGetsTheCategoryOfTheFactor() {
        Detector267 detector = new Detector267();
        assertTrue(BruteForceReports.takesCategories(detector));
        BruteForceReports.failedLogin(detector, null, null, null, null, "otp");
        BruteForceReports.successfulLogin(detector, null, null, null, null, "hpc-push");
        assertEquals(List.of("failed", "success"), detector.calls);
        assertEquals(List.of(Set.of("otp"), Set.of("hpc-push")), detector.categories);
    }

    @Test
    void noCategoryIsPassedAsNullSoKeycloakCountsTheFailureAlways() {
        Detector267 detector = new Detector267();
        BruteForceReports.failedLogin(detector, null, null, null, null, null);
        assertEquals(1, detector.categories.size());
        assertEquals(null, detector.categories.get(0));
    }

    @Test
    void aFailureInsideTheDetectorReachesTheCaller() {
        Detector265 failing = new Detector265() {
            @Override
            public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uri) {
                throw new IllegalStateException("database down");
            }
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> BruteForceReports.failedLogin(failing, null, null, null, null, "otp"));
        assertEquals("database down", thrown.getMessage());
    }
}
