package org.hpcmfa.keycloak.it.registrationtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.SecretHash;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.Time;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/** The rules around tokens: single use under concurrency, expiry, re-issue, abandonment, issuing paths. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RegistrationTokenRulesIT {

    static final String ALREADY_USED = "This registration token was already used. Ask IT support for a new one.";
    static final String ENROL_ACTION = "hpc-enrol-second-factor";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;
    TokenAdminApi api;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        api = new TokenAdminApi("http://localhost:8080", realm.getName());
        settings(Map.of());
    }

    private void settings(Map<String, String> overrides) {
        RequiredActionConfigRepresentation config = realm.admin().flows().getRequiredActionConfig(ENROL_ACTION);
        Map<String, String> values = new HashMap<>(Map.of("token-validity-days", "7", "auto-issue", "false",
                "keep-token-until-enrolled", "false", "portal-url", "", "suggest-second-factor", "true"));
        values.putAll(overrides);
        config.setConfig(values);
        realm.admin().flows().updateRequiredActionConfig(ENROL_ACTION, config);
    }

    private String issueUnmailed(String userId) throws Exception {
        TokenAdminApi.Reply reply = api.issue(admin.tokenManager().getAccessTokenString(), userId, false);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("token").asText();
    }

    private boolean onTotpSetup() {
        browser.chooseFactorIfAsked("CONFIGURE_TOTP");
        return browser.isPresent(By.id("kc-totp-settings-form"));
    }

    @Test
    void twentyConcurrentSubmissionsOfOneTokenGiveExactlyOneLogin() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "rt-race", "example.org");
        String token = issueUnmailed(TestUsers.id(realm.admin(), user));
        int clients = 20;
        List<HttpLoginClient> browsers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            HttpLoginClient client = new HttpLoginClient();
            client.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.PORTAL, realm.getBaseUrl() + "/")
                    .authorizationUrl(Map.of()));
            browsers.add(client);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpLoginClient client : browsers) {
            String action = client.formAction("kc-form-login");
            answers.add(pool.submit(() -> {
                start.await();
                return client.post(action, Map.of("username", user, "password", token));
            }));
        }
        start.countDown();
        int loggedIn = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get();
            boolean success = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("required-action")
                    || r.body().contains("kc-totp-settings-form") || r.body().contains("kc-enrol-choose-form");
            if (success) {
                loggedIn++;
            } else if (r.body().contains(ALREADY_USED) || r.body().contains("Invalid username or password.")) {
                // Keycloak itself refuses a second login of the same user in progress on this node (its blocking
                // brute-force protector); the token's single-use claim decides across nodes.
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(1, loggedIn, "logins with one token");
        assertEquals(clients - 1, refused, "refused submissions");
        JsonNode status = api.status(admin.tokenManager().getAccessTokenString(), TestUsers.id(realm.admin(), user)).body();
        assertTrue(status.get("used").asBoolean(), "the token is recorded as used");
    }

    @Test
    void anExpiredTokenIsRefusedWithItsOwnMessage() {
        String user = "rt-expired-" + Time.currentTime();
        UserRepresentation rep = new UserRepresentation();
        rep.setUsername(user);
        rep.setFirstName("Test");
        rep.setLastName("Expired");
        rep.setEmail(user + "@example.org");
        rep.setEmailVerified(true);
        rep.setEnabled(true);
        CredentialRepresentation expired = new CredentialRepresentation();
        expired.setType("registration-token");
        expired.setSecretData("{\"hash\":\"" + SecretHash.hash("7KQ2M9XD4HTF8WPA") + "\"}");
        expired.setCredentialData("{\"expiresAt\":" + (Time.currentTime() - 60) + ",\"issuedBy\":\"test\",\"usedAt\":null}");
        rep.setCredentials(List.of(expired));
        try (Response created = realm.admin().users().create(rep)) {
            assertEquals(201, created.getStatus());
        }
        browser.openPortal().usernamePassword(user, "7kq2 m9xd 4htf 8wpa");
        assertTrue(browser.pageSource().contains("This registration token has expired. Ask IT support for a new one."),
                browser.pageSource());
        assertFalse(browser.loggedIn());
    }

    @Test
    void reissuingInvalidatesTheOldToken() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "rt-reissue", "example.org");
        String userId = TestUsers.id(realm.admin(), user);
        String first = issueUnmailed(userId);
        String second = issueUnmailed(userId);
        assertEquals(1, realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "registration-token".equals(c.getType())).count(), "one token per user");

        browser.openPortal().usernamePassword(user, first);
        assertTrue(browser.pageSource().contains("Invalid username or password."), browser.pageSource());
        browser.openPortal().usernamePassword(user, second);
        assertTrue(onTotpSetup(), browser.pageSource());
    }

    @Test
    void leavingBeforeEnrolmentSpendsTheTokenUnlessTheRealmKeepsIt() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "rt-abandon", "example.org");
        String token = issueUnmailed(TestUsers.id(realm.admin(), user));
        browser.openPortal().usernamePassword(user, token);
        assertTrue(onTotpSetup());
        browser.openPortal().usernamePassword(user, token);
        assertTrue(browser.pageSource().contains(ALREADY_USED), "the seed's rule: the token dies at first use");

        settings(Map.of("keep-token-until-enrolled", "true"));
        String kept = TestUsers.createWithoutPassword(realm.admin(), "rt-keep", "example.org");
        String keptId = TestUsers.id(realm.admin(), kept);
        String keptToken = issueUnmailed(keptId);
        browser.openPortal().usernamePassword(kept, keptToken);
        assertTrue(onTotpSetup());
        browser.openPortal().usernamePassword(kept, keptToken);
        assertTrue(onTotpSetup(), "with the option the token works again until a factor is enrolled");
        JsonNode status = api.status(admin.tokenManager().getAccessTokenString(), keptId).body();
        assertFalse(status.get("used").asBoolean());
    }

    @Test
    void adminEndpointNeedsManageUsers() throws Exception {
        String target = TestUsers.createWithoutPassword(realm.admin(), "rt-target", "example.org");
        String targetId = TestUsers.id(realm.admin(), target);
        String viewer = TestUsers.create(realm.admin(), "rt-viewer", "example.org", true);
        String clientUuid = realm.admin().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation viewUsers = realm.admin().clients().get(clientUuid).roles().get("view-users").toRepresentation();
        realm.admin().users().get(TestUsers.id(realm.admin(), viewer)).roles().clientLevel(clientUuid).add(List.of(viewUsers));
        String viewerToken = passwordGrant(viewer);

        TokenAdminApi.Reply refused = api.issue(viewerToken, targetId, false);
        assertEquals(403, refused.status());
        assertEquals(200, api.status(viewerToken, targetId).status(), "view-users may read the token state");
        assertFalse(realm.admin().users().get(targetId).credentials().stream()
                .anyMatch(c -> "registration-token".equals(c.getType())));
        assertEquals(401, api.issue("not-a-token", targetId, false).status());
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
    void groupIssuingSkipsUsersWhoAlreadyHaveAFactor() throws Exception {
        GroupRepresentation group = new GroupRepresentation();
        group.setName("class-" + Time.currentTime());
        String groupId;
        try (Response created = realm.admin().groups().add(group)) {
            groupId = created.getLocation().getPath().replaceAll(".*/", "");
        }
        String a = TestUsers.createWithoutPassword(realm.admin(), "rt-class-a", "example.org");
        String b = TestUsers.createWithoutPassword(realm.admin(), "rt-class-b", "example.org");
        String withTotp = TestUsers.create(realm.admin(), "rt-class-totp", "example.org", true, true);
        String noEmail = TestUsers.create(realm.admin(), "rt-class-nomail", null, false);
        for (String u : List.of(a, b, withTotp, noEmail)) {
            realm.admin().users().get(TestUsers.id(realm.admin(), u)).joinGroup(groupId);
        }
        mail.runCleanup();

        TokenAdminApi.Reply report = api.issueForGroup(admin.tokenManager().getAccessTokenString(), groupId);
        assertEquals(200, report.status(), String.valueOf(report.body()));
        assertEquals(List.of(a, b).stream().sorted().toList(), names(report.body().get("issued")));
        assertEquals(List.of(noEmail, withTotp).stream().sorted().toList(), names(report.body().get("skipped")));
        assertTrue(mail.waitForIncomingEmail(10_000, 2));
        List<String> recipients = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            recipients.add(m.getAllRecipients()[0].toString().replaceAll("@.*", ""));
        }
        assertEquals(List.of(a, b).stream().sorted().toList(), recipients.stream().sorted().toList());
    }

    private static List<String> names(JsonNode entries) {
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.get("username").asText()));
        return names.stream().sorted().toList();
    }

    @Test
    void automaticIssuingOnUserCreationIsOffByDefaultAndWorksWhenOn() throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        List<String> listeners = new ArrayList<>(rep.getEventsListeners());
        listeners.add("hpc-registration-token-auto-issue");
        rep.setEventsListeners(listeners);
        realm.admin().update(rep);
        mail.runCleanup();

        String quiet = TestUsers.createWithoutPassword(realm.admin(), "rt-auto-off", "example.org");
        Thread.sleep(1_500);
        assertEquals(0, mail.getReceivedMessages().length, "auto-issue is off by default, yet " + quiet + " got mail");

        settings(Map.of("auto-issue", "true"));
        String onboarded = TestUsers.createWithoutPassword(realm.admin(), "rt-auto-on", "example.org");
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no automatic registration mail");
        MimeMessage message = mail.getLastReceivedMessage();
        assertTrue(message.getAllRecipients()[0].toString().startsWith(onboarded + "@"));
        browser.openPortal().usernamePassword(onboarded, RegistrationTokenJourneyIT.tokenIn(message));
        assertTrue(onTotpSetup(), browser.pageSource());
    }
}
