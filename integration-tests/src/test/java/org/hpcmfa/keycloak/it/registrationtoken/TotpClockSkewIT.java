package org.hpcmfa.keycloak.it.registrationtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * The MFA portal takes a TOTP code in its password field (Mila); a code from a phone whose clock is off is
 * refused with a message that says to fix the clock.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TotpClockSkewIT {

    static final String INVALID = "Invalid username or password.";

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setQuickLoginCheckMilliSeconds(1L); // tests type faster than people: no quick-login lockouts
        realm.admin().update(rep);
        portalSettings(Map.of());
    }

    private void portalSettings(Map<String, String> overrides) {
        AuthenticationExecutionInfoRepresentation execution = realm.admin().flows().getExecutions("mfa-portal-login")
                .stream().filter(e -> "hpc-registration-token-form".equals(e.getProviderId())).findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        Map<String, String> values = new HashMap<>(Map.of("accept-totp", "true", "accept-recovery-codes", "true",
                "totp-clock-skew-hint", "true", "totp-clock-skew-max-seconds", "600"));
        values.putAll(overrides);
        config.setConfig(values);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private int failures(String userId) {
        return ((Number) realm.admin().attackDetection().bruteForceUserStatus(userId).getOrDefault("numFailures", 0)).intValue();
    }

    @Test
    void aCodeFromAPhoneFiveMinutesBehindGetsTheClockMessageAndCounts() throws Exception {
        String user = TestUsers.create(realm.admin(), "skew-portal", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        browser.openPortal().usernamePassword(user, TestUsers.totp(TestUsers.TOTP_SECRET, -10));
        assertFalse(browser.loggedIn());
        assertTrue(pageText().contains("This code is not valid now. Your phone's clock seems to be off by about 5 "
                + "minutes: set it to automatic time synchronization and try again."), pageText());
        assertEquals(1, failures(userId), "a refused login for the brute-force detector");
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null,
                null, 0, 10);
        assertEquals("invalid_user_credentials", refused.get(0).getError());
        assertTrue(Set.of("-300", "-330").contains(refused.get(0).getDetails().get("totp_clock_skew_seconds")),
                String.valueOf(refused.get(0).getDetails()));

        browser.openPortal().usernamePassword(user, TestUsers.totpNow());
        assertTrue(browser.loggedIn(), () -> pageText());
    }

    @Test
    void aCodeOfTheFutureGetsThePlainRefusalSoAGuesserLearnsNothing() {
        String user = TestUsers.create(realm.admin(), "skew-future", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        // The user's real code of 5 minutes from now: confirming it would hand out a code that works later.
        browser.openPortal().usernamePassword(user, TestUsers.totp(TestUsers.TOTP_SECRET, 10));
        assertFalse(browser.loggedIn());
        assertTrue(pageText().contains(INVALID), pageText());
        assertFalse(pageText().contains("clock"), pageText());
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null,
                null, 0, 10);
        assertFalse(refused.get(0).getDetails() != null
                && refused.get(0).getDetails().containsKey("totp_clock_skew_seconds"), String.valueOf(refused.get(0).getDetails()));
    }

    @Test
    void theFrenchPageSaysItInFrench() {
        String user = TestUsers.create(realm.admin(), "skew-fr", "example.org", false, true);
        browser.open(LoginDriver.PORTAL, Map.of("ui_locales", "fr")).usernamePassword(user, TestUsers.totp(TestUsers.TOTP_SECRET, -14));
        assertTrue(pageText().contains("L'horloge de votre téléphone semble décalée d'environ 7 minutes"), pageText());
    }

    @Test
    void aReplayedCodeWithinTheWindowIsAPlainRefusal() {
        String user = TestUsers.create(realm.admin(), "skew-replay", "example.org", false, true);
        String code = TestUsers.totpNow();
        browser.openPortal().usernamePassword(user, code);
        assertTrue(browser.loggedIn(), "the first use works");
        browser.openPortal().usernamePassword(user, code);
        assertFalse(browser.loggedIn(), "Keycloak refuses a used code");
        assertTrue(pageText().contains(INVALID), pageText());
        assertFalse(pageText().contains("clock"), "the clock is fine: no hint for a replayed code");
    }

    @Test
    void theHintCanBeSwitchedOff() {
        portalSettings(Map.of("totp-clock-skew-hint", "false"));
        try {
            String user = TestUsers.create(realm.admin(), "skew-off", "example.org", false, true);
            browser.openPortal().usernamePassword(user, TestUsers.totp(TestUsers.TOTP_SECRET, -10));
            assertTrue(pageText().contains(INVALID), pageText());
            assertFalse(pageText().contains("clock"), pageText());
        } finally {
            portalSettings(Map.of());
        }
    }
}
