package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Renewal by one tap: after a full device login (password and push, or password and TOTP) and a certificate, the
 * same Keycloak session renews it with one push approval (the privacyIDEA app simulator) or one TOTP code, plus a
 * signature of the key; refused beyond the realm's MFA freshness window, to another session, and to whoever holds
 * the session's tokens but not the key (the phone is not even asked).
 */
@Needs({CHROMIUM, OPENSSH_CLIENT})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RenewalIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    RenewalApi renewal;
    RegisteredKeysApi keys;

    /** A person logged in fully (device login), with the key certified and the session's tokens. */
    record Person(String user, String key, JsonNode tokens) {
    }

    @AfterEach
    void demoWindow() {
        SshAdminApi.configure(realm, Map.of("renewal-mfa-window-seconds", List.of("43200")));
    }

    /** The device login of {@code user} for key {@code keyName}, second factor by {@code secondFactor}, then sign. */
    private Person loggedIn(String user, String keyName, java.util.function.Consumer<LoginDriver> secondFactor)
            throws Exception {
        renewal = new RenewalApi(realm.getBaseUrl());
        keys = new RegisteredKeysApi(realm.getBaseUrl(), realm.getName());
        String key = Files.exists(dir.resolve(keyName + ".pub")) ? Files.readString(dir.resolve(keyName + ".pub")).trim()
                : RegisteredKeysApi.keygen(dir, keyName);
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = device.start("ssh-cli", null, key);
        LoginDriver browser = new LoginDriver(driver, realm);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        secondFactor.accept(browser);
        DeviceLogin.approveKey(browser);
        JsonNode tokens = device.pollTokens("ssh-cli", null, started.get("device_code").asText());
        DeviceLogin.Reply signed = device.sign(tokens.get("access_token").asText(), "{\"public_key\":\"" + key + "\"}");
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        return new Person(user, key, tokens);
    }

    /** The browser's push page: the phone approves the number shown; the page's own script goes on. */
    private static java.util.function.Consumer<LoginDriver> approvedOn(PrivacyIdeaApp phone) {
        return browser -> {
            try {
                assertTrue(browser.isPresent(By.id("push-number")), browser.pageSource());
                assertTrue(phone.approve(phone.poll().get(0), browser.text(By.id("push-number"))).value());
                for (int i = 0; i < 600 && browser.isPresent(By.id("push-number")); i++) {
                    Thread.sleep(50); // the page's own script submits once the phone has answered
                }
                for (int i = 0; i < 600 && !browser.isPresent(By.id("kc-oauth"))
                        && !browser.isPresent(By.id("kc-key-review-approve"))
                        && !browser.pageSource().contains("Device Login Successful"); i++) {
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private String freshToken(Person person) throws Exception {
        return renewal.refresh(person.tokens().get("refresh_token").asText()).get("access_token").asText();
    }

    private String proof(String signer, String token, String certified) throws Exception {
        return keys.renewalProof(dir, signer, token, certified, System.currentTimeMillis() / 1000);
    }

    @Test
    void oneTapRenewsWithinTheWindowButNotForACopiedTokenOrAnotherSession() throws Exception {
        String user = TestUsers.create(realm.admin(), "renew-push", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user);
        Person person = loggedIn(user, "laptop", approvedOn(phone));

        // The session's refresh token copied from the laptop yields access tokens, but no renewal, and no push.
        String token = freshToken(person);
        String thief = RegisteredKeysApi.keygen(dir, "thief");
        assertRefused("key_proof_required", renewal.start(token, person.key(), null));
        assertRefused("invalid_key_proof", renewal.start(token, person.key(), proof("thief", token, person.key())));
        assertRefused("key_not_certified_in_session", renewal.start(token, thief, proof("thief", token, thief)));
        assertRefused("invalid_key_proof", renewal.start(token, person.key(),
                keys.proof(dir, "laptop", token, person.key(), System.currentTimeMillis() / 1000)));
        String recorded = proof("laptop", token, person.key());
        assertRefused("invalid_key_proof", renewal.start(freshToken(person), person.key(), recorded));
        assertTrue(phone.poll().isEmpty(), "the phone was never asked");
        assertRefusalEvent(user, "ssh_cert_invalid_key_proof");

        // One tap: start (the key's signature), the phone shows the request, finish waits for the approval.
        String pushToken = freshToken(person);
        DeviceLogin.Reply started = renewal.start(pushToken, person.key(), proof("laptop", pushToken, person.key()));
        assertEquals(200, started.status(), String.valueOf(started.body()));
        String handle = started.body().get("handle").asText();
        JsonNode shown = started.body().get("hints").get(0).get("parameters");
        String number = shown.isEmpty() ? null : shown.get(0).asText(); // number matching, if the realm uses it
        CompletableFuture<DeviceLogin.Reply> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return renewal.finish(pushToken, handle, "", 20);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size(), "one push request for the renewal");
        long approvedAt = System.nanoTime();
        assertTrue(phone.approve(requests.get(0), number).value());
        DeviceLogin.Reply renewed = waiting.get();
        long latencyMs = (System.nanoTime() - approvedAt) / 1_000_000;
        assertEquals(200, renewed.status(), String.valueOf(renewed.body()));
        assertEquals("hpc-push", renewed.body().get("renewed_by").asText());
        assertTrue(renewed.body().get("certificate").asText().startsWith("ssh-ed25519-cert-v01@openssh.com "));
        long lifetime = renewed.body().get("valid_before").asLong() - System.currentTimeMillis() / 1000;
        assertTrue(lifetime <= 3600 && lifetime > 3500, "a short certificate: " + lifetime + " s");
        System.out.println("BENCH renewal approve-to-certificate (long-polled finish): " + latencyMs + " ms");
        assertTrue(latencyMs < 2000, "the waiting finish learned of the approval after " + latencyMs + " ms");
        assertRefused("invalid_handle", renewal.finish(pushToken, handle, "", 0));

        // Another Keycloak session of the same person cannot answer this session's renewal.
        String otherToken = freshToken(loggedIn(user, "desktop", approvedOn(phone)));
        String mine = freshToken(person);
        DeviceLogin.Reply pending = renewal.start(mine, person.key(), proof("laptop", mine, person.key()));
        assertEquals(200, pending.status(), String.valueOf(pending.body()));
        assertRefused("invalid_handle", renewal.finish(otherToken, pending.body().get("handle").asText(), "", 0));

        // Beyond the window: a full login is required, and the phone is not asked.
        SshAdminApi.configure(realm, Map.of("renewal-mfa-window-seconds", List.of("1")));
        Thread.sleep(2100);
        String late = freshToken(person);
        int before = phone.poll().size();
        assertRefused("mfa_too_old", renewal.start(late, person.key(), proof("laptop", late, person.key())));
        assertEquals(before, phone.poll().size(), "no new push request");
        assertRefusalEvent(user, "ssh_cert_mfa_too_old");
    }

    @Test
    void oneTotpCodeRenewsAndAWrongOneEndsTheRenewal() throws Exception {
        String user = TestUsers.create(realm.admin(), "renew-totp", "example.org", false, true);
        Person person = loggedIn(user, "laptop", browser -> browser.totp(TestUsers.totpNow()));

        String token = freshToken(person);
        DeviceLogin.Reply started = renewal.start(token, person.key(), proof("laptop", token, person.key()));
        assertEquals(200, started.status(), String.valueOf(started.body()));
        assertEquals(List.of("auth-otp-form"), List.of(started.body().get("factors").get(0).asText()));
        assertRefused("wrong_code", renewal.finish(token, started.body().get("handle").asText(), "000000", 0));
        assertRefused("invalid_handle", renewal.finish(token, started.body().get("handle").asText(),
                TestUsers.totp(TestUsers.TOTP_SECRET, 1), 0));

        // The next period's code (the device login spent the current one), typed at the terminal.
        token = freshToken(person);
        started = renewal.start(token, person.key(), proof("laptop", token, person.key()));
        DeviceLogin.Reply byCode = renewal.finish(token, started.body().get("handle").asText(),
                TestUsers.totp(TestUsers.TOTP_SECRET, 1), 0);
        assertEquals(200, byCode.status(), String.valueOf(byCode.body()));
        assertEquals("auth-otp-form", byCode.body().get("renewed_by").asText());
        assertRefusalEvent(user, "ssh_cert_wrong_code");
    }

    private static void assertRefused(String error, DeviceLogin.Reply reply) {
        assertEquals(error, reply.body().path("error").asText(), reply.status() + " " + reply.body());
    }

    private void assertRefusalEvent(String user, String error) {
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> error.equals(e.getError())), "no event " + error + ": "
                + refused.stream().map(EventRepresentation::getError).toList());
    }
}
