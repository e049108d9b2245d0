package org.hpcmfa.keycloak.it.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/** A person enrols the privacyIDEA Authenticator app and logs in by approving on the phone, in a real browser. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PushLoginIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;

    @BeforeEach
    void setUp() {
        PushAdmin.allowFastRetries(realm.admin());
        PushAdmin.configure(realm.admin(), Map.of());
        browser = new LoginDriver(driver, realm);
    }

    private boolean onPushPage() {
        return !browser.loggedIn() && browser.isPresent(By.id("kc-push-resend-form"));
    }

    @Test
    void enrolOnThePageThenApproveWithNumberMatching() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-enrol", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PushAdmin.requireSetup(realm.admin(), userId);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);

        assertTrue(browser.isPresent(By.id("push-qr")), browser.pageSource());
        assertTrue(driver.findElement(By.id("push-qr")).getAttribute("src").startsWith("data:image/png;base64,"));
        String uri = browser.text(By.id("push-enrol-uri"));
        assertEquals(uri, driver.findElement(By.id("push-enrol-link")).getAttribute("href"));
        PrivacyIdeaApp app = PrivacyIdeaApp.scan(uri);
        assertEquals(realm.getBaseUrl() + "/pipush", app.url());
        assertEquals("True", app.qr().get("poll_only"));
        assertEquals("10", app.qr().get("ttl"));
        assertEquals(user, app.label());

        PrivacyIdeaApp.Reply rollout = app.rollout();
        assertEquals(200, rollout.status(), String.valueOf(rollout.body()));
        assertEquals(4096, app.serverKey().getModulus().bitLength());
        assertEquals("enrolled", rollout.body().path("detail").path("rollout_state").asText());
        // The page notices the rollout by itself; the new recovery codes follow, then the login completes.
        assertTrue(Waits.until(() -> browser.isPresent(By.id("kc-recovery-codes-list")), 5000),
                "enrolment page did not advance: " + browser.pageSource());
        browser.keepRecoveryCodesIfShown();
        assertTrue(Waits.until(browser::loggedIn, 5000), browser.pageSource());
        assertEquals(400, PrivacyIdeaApp.post(app.url(), Map.of()).status(), "the empty pre-flight POST gets a 400");
        List<CredentialRepresentation> devices = PushAdmin.pushDevices(realm.admin(), userId);
        assertEquals(1, devices.size());
        assertEquals("Phone 1", devices.get(0).getUserLabel());
        assertFalse(String.valueOf(devices.get(0).getCredentialData()).contains("no_firebase_token"), "the Firebase token is secret data");
        // A second rollout with the same credential is refused: the QR code was single-use.
        assertEquals(404, app.rollout().status());

        // Log in: the page shows a number, the phone offers it among others.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(onPushPage(), browser.pageSource());
        String number = browser.text(By.id("push-number"));
        assertTrue(number.matches("\\d\\d"), number);
        List<JsonNode> requests = app.poll();
        assertEquals(1, requests.size());
        JsonNode request = requests.get(0);
        List<String> options = List.of(request.path("require_presence").asText().split(","));
        assertEquals(5, options.size(), "five options by default");
        assertTrue(options.contains(number), options + " lacks " + number);
        assertEquals(app.serial(), request.path("serial").asText());
        assertTrue(request.path("question").asText().contains(user));
        assertEquals("Research Computing MFA (demo)", request.path("title").asText());

        long approvedAt = System.currentTimeMillis();
        assertTrue(app.approve(request, number).value());
        assertTrue(Waits.until(browser::loggedIn, 3000), "login did not complete: " + browser.pageSource());
        long latency = System.currentTimeMillis() - approvedAt;
        assertTrue(latency < 1500, "login completed " + latency + " ms after the approval");
        JsonNode tokens = browser.tokens();
        assertNotNull(tokens.get("access_token"));

        // The Account Console lists push devices among the second factors.
        HttpResponse<String> credentials = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/account/credentials"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText())
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode pushType = null;
        for (JsonNode type : JsonSerialization.readValue(credentials.body(), JsonNode.class)) {
            if ("hpc-push".equals(type.get("type").asText())) {
                pushType = type;
            }
        }
        assertNotNull(pushType, credentials.body());
        assertEquals("two-factor", pushType.get("category").asText());
        assertEquals("Phone 1", pushType.get("userCredentialMetadatas").get(0).get("credential").get("userLabel").asText());
        assertEquals(0, app.poll().size(), "an answered request is no longer served");
    }

    @Test
    void theAccountConsolesSetUpStartsTheEnrolmentAndCanBeCancelled() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-aia", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        // "Set up" in the Account Console is an application-initiated action.
        browser.open(Map.of("kc_action", "hpc-push-setup")).usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.isPresent(By.id("push-setup-cancel")), browser.pageSource());
        driver.findElement(By.id("push-setup-cancel")).click();
        assertTrue(driver.getCurrentUrl().contains("kc_action_status=cancelled"), driver.getCurrentUrl());
        assertTrue(PushAdmin.pushDevices(realm.admin(), userId).isEmpty());

        browser.open(Map.of("kc_action", "hpc-push-setup")).usernamePassword(user, TestUsers.PASSWORD);
        PrivacyIdeaApp app = PrivacyIdeaApp.scan(browser.text(By.id("push-enrol-uri")));
        assertEquals(200, app.rollout().status());
        // A new set of recovery codes follows the set-up, on every Keycloak version of the matrix: the phone enrolled
        // within the second the login started once counted as older than the login (creation time in seconds).
        assertTrue(Waits.until(() -> browser.isPresent(By.id("kc-recovery-codes-list")), 5000), browser.pageSource());
        assertEquals(8, browser.keepRecoveryCodesIfShown().size(), "a new set of recovery codes follows the enrolment");
        assertTrue(Waits.until(browser::loggedIn, 5000), browser.pageSource());
        assertTrue(driver.getCurrentUrl().contains("kc_action_status=success"), driver.getCurrentUrl());
        assertEquals(1, PushAdmin.pushDevices(realm.admin(), userId).size());
    }

    @Test
    void approveWithoutNumberMatching() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("number-matching", "false"));
        String user = TestUsers.create(realm.admin(), "push-plain", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(onPushPage(), browser.pageSource());
        assertFalse(browser.isPresent(By.id("push-number")));
        JsonNode request = app.poll().get(0);
        assertFalse(request.has("require_presence"));
        assertTrue(app.approve(request, null).value());
        assertTrue(Waits.until(browser::loggedIn, 3000), browser.pageSource());
    }

    @Test
    void notMeEndsTheAttemptWithAnEventAndRepeatedDeclinesLockPush() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("declines-before-lock", "2", "lock-minutes", "30"));
        String user = TestUsers.create(realm.admin(), "push-decline", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);

        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(app.decline(app.poll().get(0), "unknown_trigger").value());
        assertTrue(Waits.until(() -> browser.isPresent(By.id("push-restart")), 3000), browser.pageSource());
        assertTrue(browser.pageSource().contains("The login was refused on your phone"), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-push-form")), "nothing left to submit");
        List<EventRepresentation> errors = PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR");
        assertTrue(errors.stream().anyMatch(e -> "push_declined".equals(e.getError())), String.valueOf(errors));

        // "Discard" (I started it, but cancel) is no security event and offers a new request.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(app.decline(app.poll().get(0), "cancelled").value());
        assertTrue(Waits.until(() -> browser.pageSource().contains("discarded on your phone"), 3000), browser.pageSource());
        assertTrue(browser.isPresent(By.id("push-resend")));

        // The second "not me" (a legacy decline without reason counts as one) locks push.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(app.decline(app.poll().get(0), null).value());
        assertTrue(Waits.until(() -> browser.pageSource().contains("Push approval is locked"), 3000), browser.pageSource());
        assertTrue(PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").stream()
                .anyMatch(e -> "push_locked".equals(e.getError())));
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.pageSource().contains("Push approval is locked"), browser.pageSource());
        assertEquals(0, app.poll().size(), "no request reaches the phone while push is locked");
    }

    @Test
    void aWrongNumberFailsTheLoginAndVoidsTheRequest() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-wrong", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String number = browser.text(By.id("push-number"));
        JsonNode request = app.poll().get(0);
        String wrong = List.of(request.path("require_presence").asText().split(",")).stream()
                .filter(o -> !o.equals(number)).findFirst().orElseThrow();
        assertFalse(app.approve(request, wrong).value());
        assertTrue(Waits.until(() -> browser.pageSource().contains("A different number was chosen"), 3000), browser.pageSource());
        assertFalse(browser.loggedIn());
        assertFalse(app.approve(request, number).value(), "the request is void after a wrong number");
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId));
        assertTrue(PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").stream()
                .anyMatch(e -> "push_wrong_number".equals(e.getError())));
    }

    @Test
    void aTimeoutOffersANewRequestAndIsNoFailedLogin() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("timeout-seconds", "15"));
        String user = TestUsers.create(realm.admin(), "push-timeout", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String firstNonce = app.poll().get(0).path("nonce").asText();
        // The page's own countdown submits it when the time is up.
        assertTrue(Waits.until(() -> browser.pageSource().contains("The request expired"), 20_000), browser.pageSource());
        assertEquals(0, app.poll().size());
        assertEquals(0, PushAdmin.bruteForceFailures(realm.admin(), userId));

        driver.findElement(By.id("push-resend")).click();
        assertTrue(browser.isPresent(By.id("push-number")), browser.pageSource());
        JsonNode second = app.poll().get(0);
        assertNotEquals(firstNonce, second.path("nonce").asText(), "every request has a fresh nonce");
        assertTrue(app.approve(second, browser.text(By.id("push-number"))).value());
        assertTrue(Waits.until(browser::loggedIn, 3000), browser.pageSource());
    }

    @Test
    void twoPhonesBothAskAndEitherApproves() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-two", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp first = PushEnrolment.enrol(realm, user);
        PrivacyIdeaApp second = PushEnrolment.enrolAnother(realm, user, first);
        assertEquals(List.of("Phone 1", "Phone 2"), PushAdmin.pushDevices(realm.admin(), userId).stream()
                .map(CredentialRepresentation::getUserLabel).sorted().toList());
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String number = browser.text(By.id("push-number"));
        JsonNode toFirst = first.poll().get(0);
        JsonNode toSecond = second.poll().get(0);
        assertNotEquals(toFirst.path("nonce").asText(), toSecond.path("nonce").asText());
        // One phone cannot answer the other's request, even with its own valid signature.
        PrivacyIdeaApp.Reply crossed = PrivacyIdeaApp.post(second.url(), second.answerForm(
                toFirst.path("nonce").asText(), second.sign(toFirst.path("nonce").asText() + "|" + second.serial() + "|" + number)));
        assertFalse(crossed.value());
        assertTrue(second.approve(toSecond, number).value());
        assertTrue(Waits.until(browser::loggedIn, 3000), browser.pageSource());
    }

    @Test
    void theTotpCodeWorksOnThePushPage() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-totp", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        // Push first among the user's factors, as after moving it up in the Account Console.
        realm.admin().users().get(userId).moveCredentialToFirst(PushAdmin.pushDevices(realm.admin(), userId).get(0).getId());
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(onPushPage() && browser.isPresent(By.id("otp")), browser.pageSource());
        assertEquals(1, app.poll().size());
        browser.totp("000000".equals(TestUsers.totp(TestUsers.TOTP_SECRET, 0)) ? "111111" : "000000");
        assertTrue(browser.pageSource().contains("Invalid code"), browser.pageSource());
        browser.totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1)); // the current code was spent while enrolling
        assertTrue(Waits.until(browser::loggedIn, 3000), browser.pageSource());
    }

    @Test
    void aDeviceRemovedInTheAccountConsoleStopsWorking() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-removed", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        JsonNode request = app.poll().get(0);
        assertTrue(app.approve(request, browser.text(By.id("push-number"))).value());
        assertTrue(Waits.until(browser::loggedIn, 3000));
        String accessToken = browser.tokens().get("access_token").asText();
        String credentialId = PushAdmin.pushDevices(realm.admin(), userId).get(0).getId();
        HttpResponse<String> removed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/account/credentials/" + credentialId))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, removed.statusCode(), removed.body());

        assertEquals(400, app.pollAt(java.time.Instant.now()).status(), "the removed phone cannot poll");
        assertEquals(404, app.approve(request, "00").status(), "nor answer");
        List<String> errors = new ArrayList<>();
        PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").forEach(e -> errors.add(e.getError()));
        assertFalse(errors.contains("push_declined"));
    }
}
