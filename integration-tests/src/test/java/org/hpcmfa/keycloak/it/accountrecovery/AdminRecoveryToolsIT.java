package org.hpcmfa.keycloak.it.accountrecovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.util.JsonSerialization;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The admin's tools for people who lost their phone or never enrolled. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class AdminRecoveryToolsIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectWebDriver
    ManagedWebDriver driver;

    @Test
    void lostPhoneRemovesTheFactorsEndsSessionsAndIssuesAFreshToken() throws Exception {
        RecoveryAdminApi api = new RecoveryAdminApi("http://localhost:8080", realm.getName());
        String user = TestUsers.create(realm.admin(), "rt-lost", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        LoginDriver browser = new LoginDriver(driver, realm);
        browser.open().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertEquals(1, realm.admin().users().get(userId).getUserSessions().size());

        RecoveryAdminApi.Reply reply = api.lostPhone(admin.tokenManager().getAccessTokenString(), userId, false);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        assertEquals("otp", reply.body().get("removedCredentials").get(0).asText());
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
        assertFalse(types.contains("otp"), types.toString());
        assertTrue(types.containsAll(List.of("password", "registration-token")), types.toString());
        assertEquals(0, realm.admin().users().get(userId).getUserSessions().size(), "sessions ended");
        List<EventRepresentation> events = realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, userId,
                null, null, null, 0, 10);
        assertEquals("lost_phone", events.get(0).getDetails().get("reason"));

        // The fresh token opens the portal and leads to a new enrolment.
        browser.openPortal().usernamePassword(user, reply.body().get("token").asText());
        browser.chooseFactorIfAsked("CONFIGURE_TOTP");
        assertTrue(browser.isPresent(By.id("kc-totp-settings-form")), browser.pageSource());

        assertEquals(404, api.lostPhone(admin.tokenManager().getAccessTokenString(), "no-such-user", false).status());
        assertEquals(401, api.lostPhone("not-a-token", userId, false).status());
    }

    @Test
    void anAdminWhoMayOnlyViewUsersCannotResetAPhoneButMayTakeTheCensus() throws Exception {
        RecoveryAdminApi api = new RecoveryAdminApi("http://localhost:8080", realm.getName());
        String target = TestUsers.create(realm.admin(), "rt-keep", "example.org", false, true);
        String targetId = TestUsers.id(realm.admin(), target);
        String viewer = TestUsers.create(realm.admin(), "rt-viewer", "example.org", true);
        String clientUuid = realm.admin().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation viewUsers = realm.admin().clients().get(clientUuid).roles().get("view-users").toRepresentation();
        realm.admin().users().get(TestUsers.id(realm.admin(), viewer)).roles().clientLevel(clientUuid).add(List.of(viewUsers));
        String viewerToken = passwordGrant(viewer);

        assertEquals(403, api.lostPhone(viewerToken, targetId, false).status());
        assertTrue(realm.admin().users().get(targetId).credentials().stream().anyMatch(c -> "otp".equals(c.getType())),
                "a refused reset keeps the person's factors");
        assertEquals(200, api.factors(viewerToken).status(), "view-users may take the census");
    }

    private String passwordGrant(String username) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + username + "&password=" + TestUsers.PASSWORD;
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonSerialization.readValue(r.body(), JsonNode.class).get("access_token").asText();
    }

    @Test
    void theCensusCountsFactorsAndListsWhoHasNone() throws Exception {
        RecoveryAdminApi api = new RecoveryAdminApi("http://localhost:8080", realm.getName());
        String enrolled = TestUsers.create(realm.admin(), "rt-census-otp", "example.org", false, true);
        String bare = TestUsers.create(realm.admin(), "rt-census-none", "example.org", false);
        JsonNode census = api.factors(admin.tokenManager().getAccessTokenString()).body();
        assertTrue(census.get("usersPerCredentialType").get("otp").asInt() >= 1, census.toString());
        assertTrue(census.get("usersPerCredentialType").get("password").asInt() >= 2, census.toString());
        List<String> without = new ArrayList<>();
        census.get("withoutSecondFactor").forEach(u -> without.add(u.get("username").asText()));
        assertTrue(without.contains(bare), census.toString());
        assertFalse(without.contains(enrolled), census.toString());
        assertEquals(census.get("usersWithoutSecondFactor").asInt() >= without.size(), true);
    }

    @Test
    void theCensusPagesThroughTheUsersWithoutAFactorByUsername() throws Exception {
        RecoveryAdminApi api = new RecoveryAdminApi("http://localhost:8080", realm.getName());
        for (int i = 0; i < 5; i++) {
            TestUsers.create(realm.admin(), "rt-page-" + i, "example.org", false);
        }
        String bearer = admin.tokenManager().getAccessTokenString();
        JsonNode whole = api.factors(bearer, "max=1000").body();
        List<String> all = usernames(whole);
        assertEquals(whole.get("usersWithoutSecondFactor").asInt(), all.size(), "the whole list is the count");
        assertTrue(all.size() >= 5, whole.toString());
        assertEquals(all.stream().sorted().toList(), all, "listed by username");

        List<String> paged = new ArrayList<>();
        for (int first = 0; first < all.size(); first += 2) {
            RecoveryAdminApi.Reply page = api.factors(bearer, "first=" + first + "&max=2");
            assertEquals(200, page.status(), String.valueOf(page.body()));
            assertTrue(page.body().get("withoutSecondFactor").size() <= 2, page.body().toString());
            assertEquals(whole.get("users"), page.body().get("users"), "every page carries the same counts");
            paged.addAll(usernames(page.body()));
        }
        assertEquals(all, paged, "pages of two, one after the other, are the whole list once");
        assertEquals(0, api.factors(bearer, "first=" + all.size()).body().get("withoutSecondFactor").size());
        JsonNode countsOnly = api.factors(bearer, "max=0").body();
        assertEquals(0, countsOnly.get("withoutSecondFactor").size());
        assertEquals(whole.get("usersPerCredentialType"), countsOnly.get("usersPerCredentialType"));
    }

    @Test
    void aBadPageIsRefusedWithAClearJsonError() throws Exception {
        RecoveryAdminApi api = new RecoveryAdminApi("http://localhost:8080", realm.getName());
        String bearer = admin.tokenManager().getAccessTokenString();
        for (String query : List.of("first=-1", "first=x", "max=1001", "max=-5", "max=lots", "first=99999999999")) {
            RecoveryAdminApi.Reply refused = api.factors(bearer, query);
            assertEquals(400, refused.status(), query + " " + refused.body());
            assertEquals("invalid_pagination", refused.body().get("error").asText(), query);
            String description = refused.body().get("error_description").asText();
            assertTrue(description.startsWith(query.substring(0, query.indexOf('=')) + " "), description);
            assertFalse(description.contains("Exception") || description.contains("java."), description);
        }
    }

    private static List<String> usernames(JsonNode census) {
        List<String> names = new ArrayList<>();
        census.get("withoutSecondFactor").forEach(u -> names.add(u.get("username").asText()));
        return names;
    }
}
