package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.browser.PageShots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The certificate is bound to the key shown at login: the device request names the key, the review page shows
 * client, requesting address, fingerprint, principals and lifetime, "Approve" lets the token sign only that key,
 * and "This was not me" denies the login for good, records an event and mails the user.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class KeyBindingIT {

    private static final String CLIENT_NAME = "SSH access from your laptop (hpc-ssh-cert)";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    ClientPoliciesRepresentation demoPolicies;

    @BeforeEach
    void rememberPolicies() {
        demoPolicies = realm.admin().clientPoliciesPoliciesResource().getPolicies(false);
    }

    @AfterEach
    void demoSettings() {
        SshAdminApi.configure(realm, Map.of("require-key-binding", List.of("true")));
        loginTheme("hpc-mfa");
        realm.admin().clientPoliciesPoliciesResource().updatePolicies(demoPolicies);
    }

    private void loginTheme(String theme) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setLoginTheme(theme);
        realm.admin().update(rep);
    }

    private String key(String name) throws Exception {
        Sshd.run(List.of("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", dir.resolve(name).toString()), Map.of());
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }

    /** The device request as hpc-ssh-cert sends it, with the given extra parameters. */
    private DeviceLogin.Reply startRaw(DeviceLogin device, Map<String, String> extra) throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("client_id", "ssh-cli", "scope", "openid"));
        form.putAll(extra);
        return device.post("/protocol/openid-connect/auth/device", form);
    }

    private DeviceLogin.Reply pollOnce(DeviceLogin device, String deviceCode) throws Exception {
        return device.post("/protocol/openid-connect/token", Map.of("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "client_id", "ssh-cli", "device_code", deviceCode));
    }

    /** Username (and whatever the flow asks before the factor), then the TOTP code: the review page is next. */
    private static void loginUpToReview(Chromium chromium, LoginDriver browser, String url, String user) {
        DeviceLogin.openInBrowser(browser, url, user);
        chromium.waitFor(By.id("otp"));
        browser.totp(TestUsers.totpNow());
        chromium.waitFor(By.id("kc-key-review-approve"));
    }

    /**
     * "Approve", then Keycloak's consent page, which it always shows for a device login (RFC 8628 §5.4: a person
     * must see which program they let in): "Grant Access to" the client's display name, usable on the phone; "Yes",
     * then its success page, waiting for each as a person would.
     */
    private static void approve(Chromium chromium, LoginDriver browser) {
        browser.submit(chromium.driver().findElement(By.id("kc-key-review-approve")));
        chromium.waitFor(By.id("kc-oauth"));
        assertTrue(text(chromium).contains("Grant Access to " + CLIENT_NAME), text(chromium));
        assertTrue(text(chromium).contains("Do you grant these access privileges?"), text(chromium));
        PageShots.assertUsableOnPhone(chromium, "the device login's consent page");
        browser.submit(chromium.driver().findElement(By.id("kc-login")));
        chromium.waitUntil("Keycloak's device success page",
                () -> chromium.driver().getPageSource().contains("Device Login Successful"));
    }

    /** The test and its browser run on this machine: the address is loopback (IPv4 or IPv6). */
    private static void assertLoopback(String address) {
        assertTrue(List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1").contains(address), "requesting address " + address);
    }

    private static String text(Chromium chromium) {
        return chromium.driver().findElement(By.tagName("body")).getText();
    }

    @Test
    void theReviewPageShowsWhatIsApprovedAndTheTokenSignsOnlyThatKey() throws Exception {
        String user = TestUsers.create(realm.admin(), "bind-ok", "example.org", true, true);
        String shown = key("shown");
        String other = key("other");
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        DeviceLogin.Reply started = startRaw(device, Map.of("ssh_key_fingerprint", DeviceLogin.fingerprint(shown),
                "ssh_cert_ttl", "1800"));
        assertEquals(200, started.status(), started.body().toString());
        // Keycloak's own keycloak.v2 theme on a 360 px phone (the journeys see the page under the pack's hpc-mfa).
        loginTheme("keycloak.v2");

        try (Chromium chromium = Chromium.start(Chromium.Viewport.MOBILE, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            loginUpToReview(chromium, browser, started.body().get("verification_uri_complete").asText(), user);
            PageShots.assertUsableOnPhone(chromium, "the SSH key review page");
            String page = text(chromium);
            assertTrue(page.contains("Review your SSH login"), page);
            assertEquals(CLIENT_NAME + " (ssh-cli)", browser.text(By.id("key-review-client")), page);
            assertLoopback(browser.text(By.id("key-review-address")));
            assertEquals(DeviceLogin.fingerprint(shown), browser.text(By.id("key-review-fingerprint")), page);
            assertEquals(user, browser.text(By.id("key-review-principals")), page);
            assertEquals("30 min", browser.text(By.id("key-review-lifetime")), page);
            assertFalse(page.contains(DeviceLogin.fingerprint(other)), page);
            approve(chromium, browser);
        }
        String token = device.poll("ssh-cli", null, started.body().get("device_code").asText());

        // Another key than the one shown: refused, saying which key the login approved.
        DeviceLogin.Reply wrongKey = device.sign(token, "{\"public_key\":\"" + other + "\"}");
        assertEquals(403, wrongKey.status(), wrongKey.body().toString());
        assertEquals("key_mismatch", wrongKey.body().get("error").asText());
        String why = wrongKey.body().get("error_description").asText();
        assertTrue(why.contains(DeviceLogin.fingerprint(shown)) && why.contains(DeviceLogin.fingerprint(other)), why);

        // A longer lifetime than the one shown: refused.
        DeviceLogin.Reply longer = device.sign(token, "{\"public_key\":\"" + shown + "\",\"ttl\":3600}");
        assertEquals(403, longer.status(), longer.body().toString());
        assertEquals("ttl_not_approved", longer.body().get("error").asText());

        // The key shown, for the lifetime shown (backdated 60 s).
        DeviceLogin.Reply signed = device.sign(token, "{\"public_key\":\"" + shown + "\"}");
        assertEquals(200, signed.status(), signed.body().toString());
        assertEquals(1800 + 60, signed.body().get("valid_before").asLong() - signed.body().get("valid_after").asLong());
        assertEquals(user, signed.body().get("principals").get(0).asText());

        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> "ssh_cert_key_mismatch".equals(e.getError())), "no refusal event");
    }

    @Test
    void thisWasNotMeDeniesTheLoginForGoodRecordsAnEventAndMailsTheUser() throws Exception {
        // The older login theme on a 360 px phone: the page must work there too.
        loginTheme("keycloak");
        String user = TestUsers.create(realm.admin(), "bind-notme", "example.org", true, true);
        String attacker = key("attacker");
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = device.start("ssh-cli", null, attacker);
        String deviceCode = started.get("device_code").asText();
        String url = started.get("verification_uri_complete").asText();

        try (Chromium chromium = Chromium.start(Chromium.Viewport.MOBILE, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            loginUpToReview(chromium, browser, url, user);
            assertEquals(DeviceLogin.fingerprint(attacker), browser.text(By.id("key-review-fingerprint")));
            PageShots.assertUsableOnPhone(chromium, "the SSH key review page");
            String action = (String) chromium.driver().executeScript(
                    "return document.getElementById('kc-key-review-form').action;");

            mail.runCleanup();
            browser.submit(chromium.driver().findElement(By.id("kc-key-review-not-me")));
            String page = text(chromium);
            assertTrue(page.toLowerCase().contains("denied"), page);
            assertFalse(page.contains("Device Login Successful"), page);

            // The CLI's poll: access_denied, now and later.
            for (int i = 0; i < 2; i++) {
                DeviceLogin.Reply poll = pollOnce(device, deviceCode);
                assertEquals(400, poll.status(), poll.body().toString());
                assertEquals("access_denied", poll.body().get("error").asText());
                Thread.sleep(2_100); // the client's polling interval
            }

            // Replays: the review form posted again with "Approve", and the one-time URL opened again.
            WebElement before = chromium.driver().findElement(By.tagName("body"));
            chromium.driver().executeScript("var f = document.createElement('form'); f.method = 'post';"
                    + " f.action = arguments[0]; var b = document.createElement('input'); b.type = 'hidden';"
                    + " b.name = 'approve'; b.value = 'true'; f.appendChild(b); document.body.appendChild(f); f.submit();",
                    action);
            new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> org.hpcmfa.keycloak.it.LoginDriver.isGone(before));
            assertFalse(text(chromium).contains("Device Login Successful"), text(chromium));
            chromium.driver().get(url);
            assertTrue(browser.isPresent(By.id("device-user-code")), "the denied code starts a login again: "
                    + text(chromium));
            Thread.sleep(2_100);
            DeviceLogin.Reply afterReplay = pollOnce(device, deviceCode);
            assertEquals("access_denied", afterReplay.body().get("error").asText(), afterReplay.body().toString());
        }

        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        EventRepresentation notMe = events.stream().filter(e -> "ssh_key_login_not_me".equals(e.getError()))
                .findFirst().orElseThrow(() -> new AssertionError("no security event: " + events));
        assertEquals("ssh-cli", notMe.getClientId());
        assertLoopback(notMe.getDetails().get("requester_address"));
        assertEquals(DeviceLogin.fingerprint(attacker), notMe.getDetails().get("key_fingerprint"));
        assertEquals("sent", notMe.getDetails().get("mail"));

        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no warning mail");
        MimeMessage warning = mail.getLastReceivedMessage();
        assertEquals(user + "@example.org", warning.getAllRecipients()[0].toString());
        assertEquals("SSH login refused: " + CLIENT_NAME, warning.getSubject());
        String body = Mails.text(warning);
        assertTrue(body.contains("Program: " + CLIENT_NAME)
                && body.contains("Requested from: " + notMe.getDetails().get("requester_address"))
                && body.contains("SSH key: " + DeviceLogin.fingerprint(attacker)), body);
        String html = Mails.html(warning).replace("&#43;", "+").replace("&#47;", "/"); // FreeMarker escapes + and /
        assertTrue(html.contains("<li>SSH key: " + DeviceLogin.fingerprint(attacker) + "</li>"), html);
    }

    @Test
    void aMissingOrMalformedFingerprintIsRefusedBeforeAnyBrowserIsInvolved() throws Exception {
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());

        DeviceLogin.Reply none = startRaw(device, Map.of());
        assertEquals(400, none.status(), none.body().toString());
        assertEquals("invalid_request", none.body().get("error").asText());
        assertTrue(none.body().get("error_description").asText().contains("ssh_key_fingerprint"), none.body().toString());

        for (String bad : List.of("SHA256:short", "MD5:aa:bb:cc", "SHA256:" + "A".repeat(42) + "<",
                "SHA256:" + "A".repeat(43) + "\nssh-cli")) {
            DeviceLogin.Reply malformed = startRaw(device, Map.of("ssh_key_fingerprint", bad));
            assertEquals(400, malformed.status(), bad + ": " + malformed.body());
            assertEquals("invalid_request", malformed.body().get("error").asText());
            assertTrue(malformed.body().get("error_description").asText().contains("SHA256"), malformed.body().toString());
            assertFalse(malformed.body().toString().contains("Exception"), malformed.body().toString());
        }
        String good = DeviceLogin.fingerprint(key("k"));
        for (String ttl : List.of("0", "-5", "an hour")) {
            DeviceLogin.Reply badTtl = startRaw(device, Map.of("ssh_key_fingerprint", good, "ssh_cert_ttl", ttl));
            assertEquals(400, badTtl.status(), ttl + ": " + badTtl.body());
            assertTrue(badTtl.body().get("error_description").asText().contains("ssh_cert_ttl"), badTtl.body().toString());
        }
        assertEquals(200, startRaw(device, Map.of("ssh_key_fingerprint", good)).status());

        // Without key binding, a login that names no key may start (its token then signs any key).
        SshAdminApi.configure(realm, Map.of("require-key-binding", List.of("false")));
        DeviceLogin.Reply unbound = startRaw(device, Map.of());
        assertEquals(200, unbound.status(), unbound.body().toString());
    }

    @Test
    void withoutTheClientPolicyTheReviewStepStillRefusesALoginThatNamesNoKey() throws Exception {
        // An admin forgot the client policy: nothing checks the device request any more.
        ClientPoliciesRepresentation none = new ClientPoliciesRepresentation();
        none.setPolicies(List.of());
        realm.admin().clientPoliciesPoliciesResource().updatePolicies(none);
        String user = TestUsers.create(realm.admin(), "bind-nopolicy", "example.org", true, true);
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        DeviceLogin.Reply unnamed = startRaw(device, Map.of());
        assertEquals(200, unnamed.status(), unnamed.body().toString());

        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            DeviceLogin.openInBrowser(browser, unnamed.body().get("verification_uri_complete").asText(), user);
            chromium.waitFor(By.id("otp"));
            browser.totp(TestUsers.totpNow());
            chromium.waitUntil("the refusal", () -> text(chromium).contains("did not say which SSH key"));
            assertFalse(browser.isPresent(By.id("kc-key-review-approve")), text(chromium));
        }
        DeviceLogin.Reply poll = pollOnce(device, unnamed.body().get("device_code").asText());
        assertEquals("access_denied", poll.body().get("error").asText(), "the CLI stops waiting: " + poll.body());
    }
}
