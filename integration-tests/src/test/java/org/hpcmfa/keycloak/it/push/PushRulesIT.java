package org.hpcmfa.keycloak.it.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The push endpoint refuses what the app would never send, without changing any state, and keeps its limits. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PushRulesIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @BeforeEach
    void setUp() {
        PushAdmin.allowFastRetries(realm.admin());
        PushAdmin.configure(realm.admin(), Map.of("number-matching", "false"));
    }

    /** A login of {@code user} waiting at the push page, in a client without JavaScript. */
    private HttpLoginClient startLogin(String user) throws Exception {
        HttpLoginClient client = new HttpLoginClient();
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/");
        client.get(login.authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        PushEnrolment.follow(client, realm);
        assertTrue(client.last().body().contains("id=\"kc-push-form\""), client.last().body());
        return client;
    }

    private static boolean completes(HttpLoginClient client) throws Exception {
        client.submit("kc-push-form", Map.of());
        return client.last().statusCode() == 302 && client.location().contains("code=");
    }

    @Test
    void rolloutNeedsTheRightCredentialAndARealKey() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-rollout", "example.org", false);
        PushAdmin.requireSetup(realm.admin(), TestUsers.id(realm.admin(), user));
        HttpLoginClient client = new HttpLoginClient();
        client.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        PushEnrolment.follow(client, realm);
        String body = client.last().body();
        int start = body.indexOf("id=\"push-enrol-uri\"");
        String uri = body.substring(body.indexOf('>', start) + 1, body.indexOf("</code>", start)).replace("&amp;", "&");
        PrivacyIdeaApp app = PrivacyIdeaApp.scan(uri);

        assertEquals(400, app.rollout("0".repeat(40), "no_firebase_token").status(), "wrong enrollment credential");
        Map<String, String> garbageKey = Map.of("serial", app.serial(), "enrollment_credential",
                app.qr().get("enrollment_credential"), "fbtoken", "no_firebase_token", "pubkey", "bm90IGEga2V5");
        assertEquals(400, PrivacyIdeaApp.post(app.url(), garbageKey).status(), "not a public key");
        assertEquals(200, app.rollout().status(), "the enrolment survived both bad attempts");
        client.submit("kc-push-setup-form", Map.of());
        PushEnrolment.keepRecoveryCodes(client, realm.getBaseUrl());
        assertTrue(client.location().contains("code="), "enrolment completed");
    }

    @Test
    void pollsNeedAFreshTimestampAndTheirOwnSignatureAndServeTheSignedPayloadFromStore() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-poll", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        startLogin(user);
        assertEquals(400, app.pollAt(Instant.now().minusSeconds(120)).status(), "stale timestamp");
        assertEquals(400, app.pollAt(Instant.now().plusSeconds(120)).status(), "timestamp from the future");
        String timestamp = PrivacyIdeaApp.dartTimestamp(Instant.now());
        PrivacyIdeaApp.Reply forged = app.pollRaw(timestamp, app.sign(app.serial() + "|" + timestamp + "0"));
        assertEquals(400, forged.status());
        assertEquals("ERR10: Could not verify signature!", forged.body().path("result").path("error").path("message").asText());
        assertEquals(400, app.pollRaw(timestamp, "NOT-BASE32").status());

        List<JsonNode> first = app.poll();
        List<JsonNode> second = app.poll();
        assertEquals(1, first.size());
        assertEquals(first.get(0).path("signature").asText(), second.get(0).path("signature").asText(),
                "the payload is signed once and served from the store");
    }

    @Test
    void forgedAndReplayedAnswersChangeNothing() throws Exception {
        String user = TestUsers.create(realm.admin(), "push-forged", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        PrivacyIdeaApp other = PushEnrolment.enrol(realm, TestUsers.create(realm.admin(), "push-other", "example.org", false));
        HttpLoginClient client = startLogin(user);
        JsonNode request = app.poll().get(0);
        String nonce = request.path("nonce").asText();

        // Signed by another phone's key, for this phone's serial.
        PrivacyIdeaApp.Reply forged = PrivacyIdeaApp.post(app.url(), app.answerForm(nonce, other.sign(nonce + "|" + app.serial())));
        assertEquals(200, forged.status());
        assertFalse(forged.value());
        // The other phone answering this request under its own serial.
        assertFalse(PrivacyIdeaApp.post(other.url(), other.answerForm(nonce, other.sign(nonce + "|" + other.serial()))).value());
        // A signature over a different nonce.
        assertFalse(PrivacyIdeaApp.post(app.url(), app.answerForm(nonce, app.sign((nonce.charAt(0) == 'A' ? "B" : "A") + nonce.substring(1) + "|" + app.serial()))).value());
        assertFalse(completes(client), "nothing was approved");
        assertEquals(1, app.poll().size(), "the request is still open");

        PrivacyIdeaApp.Reply approved = app.approve(request, null);
        assertTrue(approved.value());
        assertFalse(app.approve(request, null).value(), "a replayed answer is refused");
        assertFalse(app.decline(request, "unknown_trigger").value(), "and cannot turn into a decline");
        assertTrue(completes(client));
    }

    @Test
    void perUserRequestLimitAndPerPhonePollLimit() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("number-matching", "false", "challenges-per-minute", "2"));
        String user = TestUsers.create(realm.admin(), "push-limits", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        HttpLoginClient client = startLogin(user);
        client.submit("kc-push-resend-form", Map.of("resend", "true"));
        assertTrue(client.last().body().contains("A new request was sent"), client.last().body());
        client.submit("kc-push-resend-form", Map.of("resend", "true"));
        assertTrue(client.last().body().contains("Too many requests were sent to your phone"), client.last().body());
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").stream()
                .anyMatch(e -> "push_rate_limited".equals(e.getError())));

        PushAdmin.settings(realm.admin(), Map.of("max-polls-per-minute", "3"));
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, app.pollAt(Instant.now()).status());
            }
            PrivacyIdeaApp.Reply limited = app.pollAt(Instant.now());
            assertEquals(429, limited.status());
            assertFalse(limited.body().path("result").path("status").asBoolean(true));
        } finally {
            PushAdmin.settings(realm.admin(), Map.of("max-polls-per-minute", "30"));
        }
    }

    @Test
    void aRotatedKeyServesNewPhonesWhileOlderPhonesKeepTheirsAndNoPrivateKeyLeaves() throws Exception {
        String before = TestUsers.create(realm.admin(), "push-rot-old", "example.org", false);
        PrivacyIdeaApp oldPhone = PushEnrolment.enrol(realm, before);
        PushAdmin.settings(realm.admin(), Map.of("rotate-key", "true"));
        String after = TestUsers.create(realm.admin(), "push-rot-new", "example.org", false);
        PrivacyIdeaApp newPhone = PushEnrolment.enrol(realm, after);
        assertFalse(oldPhone.serverKey().equals(newPhone.serverKey()), "the rotation made a new key: "
                + org.keycloak.util.JsonSerialization.writeValueAsString(realm.admin().components()
                        .query(realm.admin().toRepresentation().getId(), "org.keycloak.keys.KeyProvider")));

        // Each phone receives requests signed with the key it knows (poll() verifies the signature).
        HttpLoginClient oldLogin = startLogin(before);
        assertTrue(oldPhone.approve(oldPhone.poll().get(0), null).value());
        assertTrue(completes(oldLogin));
        HttpLoginClient newLogin = startLogin(after);
        assertTrue(newPhone.approve(newPhone.poll().get(0), null).value());
        assertTrue(completes(newLogin));

        // Neither the admin API nor a realm export carries the private keys.
        String export = org.keycloak.util.JsonSerialization.writeValueAsString(realm.admin().partialExport(true, true));
        assertTrue(export.contains("hpc-push-signing-key"), "the component is exported");
        for (String leak : List.of("pushSigningKeys", "BEGIN PRIVATE", "PRIVATE")) {
            int at = export.indexOf(leak);
            assertTrue(at < 0, "'" + leak + "' in the export: " + export.substring(Math.max(0, at - 300), Math.min(export.length(), at + 200)));
        }
        String component = org.keycloak.util.JsonSerialization.writeValueAsString(realm.admin().components()
                .query(realm.admin().toRepresentation().getId(), "org.keycloak.keys.KeyProvider"));
        assertFalse(component.contains("pushSigningKeys"), component);
    }

    @Test
    void unknownSerialsAndMalformedRequestsGetPrivacyIdeaErrors() throws Exception {
        String base = realm.getBaseUrl() + "/pipush";
        assertEquals(400, PrivacyIdeaApp.post(base, Map.of("serial", "KCPUXNOTAUSER")).status(), "missing parameters");
        PrivacyIdeaApp.Reply unknown = PrivacyIdeaApp.post(base, Map.of("serial", "KCPUXMFRGGZDFMZTWQ2LKNNWG23TPOBYXE4DS",
                "nonce", "X", "signature", "AAAA"));
        assertEquals(404, unknown.status());
        assertFalse(unknown.body().path("result").path("status").asBoolean(true));
    }
}
