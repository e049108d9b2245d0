package org.hpcmfa.keycloak.it.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** With an FCM service account configured, challenges are also announced through (a local fake of) FCM HTTP v1. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PushFcmIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @Test
    void challengesAreAnnouncedAndAnUninstalledAppIsFlaggedWithoutFailingTheLogin() throws Exception {
        PushAdmin.allowFastRetries(realm.admin());
        PushAdmin.configure(realm.admin(), Map.of("number-matching", "false"));
        String user = TestUsers.create(realm.admin(), "push-fcm", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user, "live-registration-token");
        try (FakeFcm fcm = new FakeFcm()) {
            assertThrows(Exception.class, () -> PushAdmin.settings(realm.admin(), Map.of("fcm-service-account", "{\"type\":\"user\"}")),
                    "a malformed service account is refused when saved");
            PushAdmin.settings(realm.admin(), Map.of("fcm-service-account", fcm.serviceAccountJson(),
                    "fcm-base-url", fcm.baseUrl()));
            PrivacyIdeaApp uninstalled = PushEnrolment.enrolAnother(realm, user, phone);
            fcm.messages.clear();
            // Registered while the other phone's app was still installed; now FCM no longer knows it.
            // (The token is set by the app's signed update, spec section 8.)
            String timestamp = PrivacyIdeaApp.dartTimestamp(java.time.Instant.now());
            PrivacyIdeaApp.Reply update = PrivacyIdeaApp.post(uninstalled.url(), Map.of("new_fb_token", FakeFcm.GONE,
                    "serial", uninstalled.serial(), "timestamp", timestamp,
                    "signature", uninstalled.sign(FakeFcm.GONE + "|" + uninstalled.serial() + "|" + timestamp)));
            assertTrue(update.value(), String.valueOf(update.body()));

            HttpLoginClient client = login(user);
            assertEquals(2, fcm.messages.size(), "one message per phone");
            FakeFcm.Sent live = fcm.messages.stream()
                    .filter(m -> "live-registration-token".equals(m.body().path("message").path("token").asText()))
                    .findFirst().orElseThrow();
            assertEquals("Bearer fake-access-token", live.authorization());
            assertEquals("/v1/projects/hpc-test/messages:send", live.path());
            JsonNode message = live.body().path("message");
            JsonNode polled = phone.poll().get(0);
            for (String key : List.of("nonce", "question", "serial", "title", "sslverify", "url", "signature")) {
                assertEquals(polled.path(key).asText(), message.path("data").path(key).asText(), key);
            }
            assertTrue(message.path("data").path("capabilities").isTextual(), "FCM data values are strings");
            assertEquals(polled.path("question").asText(), message.path("notification").path("body").asText());
            assertEquals("HIGH", message.path("android").path("priority").asText());
            assertEquals("120s", message.path("android").path("ttl").asText());
            assertEquals("privacyidea.pushtoken", message.path("apns").path("headers").path("apns-collapse-id").asText());
            assertEquals("PUSH_AUTHENTICATION", message.path("apns").path("payload").path("aps").path("category").asText());
            assertTrue(fcm.tokenRequests.get(0).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"));

            // The 404 flagged the uninstalled phone; the login goes on with the other one.
            CredentialRepresentation flagged = PushAdmin.pushDevices(realm.admin(), userId).stream()
                    .filter(c -> c.getCredentialData().contains(uninstalled.serial())).findFirst().orElseThrow();
            assertTrue(flagged.getCredentialData().contains("\"firebaseUnregistered\":true"), flagged.getCredentialData());
            assertTrue(phone.approve(polled, null).value());
            client.submit("kc-push-form", Map.of());
            assertTrue(client.location().contains("code="));

            fcm.messages.clear();
            login(user);
            assertEquals(1, fcm.messages.size(), "no more messages to the flagged phone");
            assertEquals(1, uninstalled.poll().size(), "but it can still poll");
        } finally {
            PushAdmin.settings(realm.admin(), Map.of("fcm-service-account", "", "fcm-base-url", ""));
        }
        assertFalse(PushAdmin.pushDevices(realm.admin(), userId).isEmpty());
    }

    private HttpLoginClient login(String user) throws Exception {
        HttpLoginClient client = new HttpLoginClient();
        client.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        PushEnrolment.follow(client, realm);
        assertTrue(client.last().body().contains("id=\"kc-push-form\""), client.last().body());
        return client;
    }
}
