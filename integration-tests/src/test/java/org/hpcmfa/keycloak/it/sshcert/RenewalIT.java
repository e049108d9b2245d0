package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Renewal by one tap: after a full device login (password and TOTP) and a certificate, the same Keycloak session
 * renews it with one push approval (the privacyIDEA app simulator) or one TOTP code, plus a signature of the key;
 * refused beyond the realm's MFA freshness window, and to whoever holds the session's tokens but not the key.
 */
@Needs(OPENSSH_CLIENT)
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

    /** A person logged in fully, with the key certified, the session's tokens, and an enrolled phone. */
    record Person(String user, String key, JsonNode tokens, PrivacyIdeaApp phone) {
    }

    @AfterEach
    void demoWindow() {
        SshAdminApi.configure(realm, Map.of("renewal-mfa-window-seconds", List.of("43200")));
    }

    private Person loggedIn(String prefix, String keyName) throws Exception {
        renewal = new RenewalApi(realm.getBaseUrl());
        keys = new RegisteredKeysApi(realm.getBaseUrl(), realm.getName());
        String user = TestUsers.create(realm.admin(), prefix, "example.org", false, true);
        String key = RegisteredKeysApi.keygen(dir, keyName);
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = device.start("ssh-cli", null, key);
        DeviceLogin.approveInBrowser(new LoginDriver(driver, realm), started.get("verification_uri_complete").asText(), user);
        JsonNode tokens = device.pollTokens("ssh-cli", null, started.get("device_code").asText());
        DeviceLogin.Reply signed = device.sign(tokens.get("access_token").asText(), "{\"public_key\":\"" + key + "\"}");
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user); // another login: the device session is untouched
        return new Person(user, key, tokens, phone);
    }

    private String freshToken(Person person) throws Exception {
        return renewal.refresh(person.tokens().get("refresh_token").asText()).get("access_token").asText();
    }

    @Test
    void renewsByPushAndByTotpWithinTheWindowOnly() throws Exception {
        Person person = loggedIn("renew", "laptop");

        // Push: start (the key's signature), the phone shows the request, the CLI waits in finish.
        String pushToken = freshToken(person);
        DeviceLogin.Reply started = renewal.start(pushToken, person.key(),
                keys.renewalProof(dir, "laptop", pushToken, person.key(), System.currentTimeMillis() / 1000));
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
        List<JsonNode> requests = person.phone().poll();
        assertEquals(1, requests.size(), "one push request for the renewal");
        long approvedAt = System.nanoTime();
        assertTrue(person.phone().approve(requests.get(0), number).value());
        DeviceLogin.Reply renewed = waiting.get();
        long latencyMs = (System.nanoTime() - approvedAt) / 1_000_000;
        assertEquals(200, renewed.status(), String.valueOf(renewed.body()));
        assertEquals("hpc-push", renewed.body().get("renewed_by").asText());
        assertTrue(renewed.body().get("certificate").asText().startsWith("ssh-ed25519-cert-v01@openssh.com "));
        long lifetime = renewed.body().get("valid_before").asLong() - System.currentTimeMillis() / 1000;
        assertTrue(lifetime <= 3600 && lifetime > 3500, "a short certificate: " + lifetime + " s");
        assertTrue(latencyMs < 2000, "the waiting finish learned of the approval in " + latencyMs + " ms");
        System.out.println("BENCH renewal approve-to-certificate (long-poll finish): " + latencyMs + " ms");
        assertEquals(400, renewal.finish(pushToken, handle, "", 0).status(), "a renewal ends once");

        // TOTP: the next period's code (the device login spent the current one), typed at the terminal.
        String token = freshToken(person);
        started = renewal.start(token, person.key(),
                keys.renewalProof(dir, "laptop", token, person.key(), System.currentTimeMillis() / 1000));
        assertEquals(200, started.status(), String.valueOf(started.body()));
        DeviceLogin.Reply byCode = renewal.finish(token, started.body().get("handle").asText(),
                TestUsers.totp(TestUsers.TOTP_SECRET, 1), 0);
        assertEquals(200, byCode.status(), String.valueOf(byCode.body()));
        assertEquals("auth-otp-form", byCode.body().get("renewed_by").asText());
        assertNotEquals(renewed.body().get("serial").asLong(), byCode.body().get("serial").asLong());

        // Beyond the window: a full login is required, and the phone is not asked.
        SshAdminApi.configure(realm, Map.of("renewal-mfa-window-seconds", List.of("1")));
        Thread.sleep(2100);
        token = freshToken(person);
        DeviceLogin.Reply tooOld = renewal.start(token, person.key(),
                keys.renewalProof(dir, "laptop", token, person.key(), System.currentTimeMillis() / 1000));
        assertEquals(403, tooOld.status(), String.valueOf(tooOld.body()));
        assertEquals("mfa_too_old", tooOld.body().get("error").asText());
        assertRefusalEvent(person.user(), "ssh_cert_mfa_too_old");
    }

    @Test
    void aCopiedTokenWithoutThePrivateKeyRenewsNothing() throws Exception {
        Person person = loggedIn("renew-copied", "laptop");
        String thief = RegisteredKeysApi.keygen(dir, "thief");
        long now = System.currentTimeMillis() / 1000;

        // The session's refresh token copied from the laptop: it still yields access tokens, but no renewal.
        String token = freshToken(person);
        DeviceLogin.Reply noProof = renewal.start(token, person.key(), null);
        assertEquals("key_proof_required", noProof.body().path("error").asText(), String.valueOf(noProof.body()));
        DeviceLogin.Reply otherKey = renewal.start(token, person.key(), keys.renewalProof(dir, "thief", token, person.key(), now));
        assertEquals("invalid_key_proof", otherKey.body().path("error").asText(), String.valueOf(otherKey.body()));
        DeviceLogin.Reply ownKey = renewal.start(token, thief, keys.renewalProof(dir, "thief", token, thief, now));
        assertEquals("key_not_certified_in_session", ownKey.body().path("error").asText(), String.valueOf(ownKey.body()));
        // A sign-time key proof is not a renewal proof.
        DeviceLogin.Reply wrongKind = renewal.start(token, person.key(), keys.proof(dir, "laptop", token, person.key(), now));
        assertEquals("invalid_key_proof", wrongKind.body().path("error").asText(), String.valueOf(wrongKind.body()));
        assertTrue(person.phone().poll().isEmpty(), "the phone was never asked");

        // A proof recorded for one access token does not serve another of the same session.
        String laptopProof = keys.renewalProof(dir, "laptop", token, person.key(), now);
        DeviceLogin.Reply replayed = renewal.start(freshToken(person), person.key(), laptopProof);
        assertEquals("invalid_key_proof", replayed.body().path("error").asText(), String.valueOf(replayed.body()));
        // Someone else's session cannot answer this session's renewal.
        DeviceLogin.Reply started = renewal.start(token, person.key(), laptopProof);
        assertEquals(200, started.status(), String.valueOf(started.body()));
        Person other = loggedIn("renew-other", "desktop");
        DeviceLogin.Reply foreign = renewal.finish(freshToken(other), started.body().get("handle").asText(),
                TestUsers.totp(TestUsers.TOTP_SECRET, 1), 0);
        assertEquals("invalid_handle", foreign.body().path("error").asText(), String.valueOf(foreign.body()));
        assertRefusalEvent(person.user(), "ssh_cert_invalid_key_proof");
    }

    private void assertRefusalEvent(String user, String error) {
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> error.equals(e.getError())), "no event " + error + ": "
                + refused.stream().map(EventRepresentation::getError).toList());
    }
}
