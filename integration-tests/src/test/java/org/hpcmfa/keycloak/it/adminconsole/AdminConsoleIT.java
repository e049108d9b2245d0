package org.hpcmfa.keycloak.it.adminconsole;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/**
 * The admin's registration-token and account-recovery tasks in Keycloak's admin console, in Chromium: the
 * "Registration token" tab on a user (issue a token, and again), the "Lost phone" tab (lost-phone reset), the "Factor census"
 * page, and readable credential names in the Credentials tab. Each console action must leave the same traces as the REST endpoint it stands for.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class AdminConsoleIT {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    private String adminThemeBefore;

    @BeforeEach
    void useThePackAdminTheme() {
        RealmRepresentation master = admin.realm("master").toRepresentation();
        adminThemeBefore = master.getAdminTheme();
        master.setAdminTheme("hpc-mfa");
        admin.realm("master").update(master);
    }

    @AfterEach
    void restoreAdminTheme() {
        RealmRepresentation master = admin.realm("master").toRepresentation();
        master.setAdminTheme(adminThemeBefore);
        admin.realm("master").update(master);
    }

    @Test
    void issuingATokenInTheConsoleMailsItAndWritesTheRestEndpointsEvents() throws Exception {
        String user = TestUsers.create(realm.admin(), "console-issue", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        String email = realm.admin().users().get(userId).toRepresentation().getEmail();
        mail.runCleanup();
        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            console.open("users/" + userId + "/registration-token");
            console.switchOn("hpcIssueToken");
            console.screenshot("registration-token-tab");
            String alert = console.save();
            assertFalse(alert.toLowerCase().contains("could not"), alert);

            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no registration token mail");
            MimeMessage sent = mailTo(email);
            assertTrue(TOKEN.matcher(Mails.text(sent)).find(), Mails.text(sent));

            // Reopened, the tab says what was done and to whom; the switch is off again.
            console.open("users/" + userId + "/registration-token");
            String lastAction = console.value("hpcLastAction");
            assertTrue(lastAction.contains("registration token mailed to " + user + " (" + email + ")"), lastAction);
            assertFalse(console.find(By.id("hpcIssueToken")).isSelected(), "the switch is stored off");
            console.screenshot("registration-token-issued");

            // The Credentials tab names the type as people say it.
            console.open("users/" + userId + "/credentials");
            console.waitUntil("credential names shown", () -> console.findAll(
                    By.cssSelector("td[data-testid='credentialType']")).stream()
                    .anyMatch(cell -> cell.getText().equals("Registration token")));
            List<String> shown = console.findAll(By.cssSelector("td[data-testid='credentialType']")).stream()
                    .map(cell -> cell.getText()).toList();
            assertTrue(shown.contains("Password"), shown.toString());
            assertFalse(shown.contains("Registration-token"), shown.toString());
            console.screenshot("credentials-tab");
        }
        String adminUserId = admin.realm("master").users().search("admin", true).get(0).getId();
        EventRepresentation issued = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId,
                null, null, null, 0, 10).get(0);
        assertEquals("issued", issued.getDetails().get("registration_token"));
        assertEquals(adminUserId, issued.getDetails().get("issued_by"));
        AdminEventRepresentation action = adminAction("registration-tokens/users/" + userId);
        assertEquals("USER", action.getResourceType());
        assertEquals(adminUserId, action.getAuthDetails().getUserId());
        assertTrue(action.getRepresentation().contains("\"emailed\":true"), action.getRepresentation());
        assertFalse(action.getRepresentation().contains("\"token\""), "no token in events");
    }

    @Test
    void reissuingATokenInTheConsoleLeavesOnlyTheNewestOneValidAtTheFirstLogin() throws Exception {
        String user = TestUsers.create(realm.admin(), "console-reissue", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        String email = realm.admin().users().get(userId).toRepresentation().getEmail();
        mail.runCleanup();
        String first;
        String second;
        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            // The mail went astray: the admin issues again from the same tab.
            first = issueInTheTab(console, userId, email, 1);
            second = issueInTheTab(console, userId, email, 2);
        }
        assertNotEquals(first, second);

        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver portal = new LoginDriver(chromium.managed(), realm);
            portal.openPortal().usernamePassword(user, first);
            chromium.waitFor(By.cssSelector("[id^=input-error]"));
            assertTrue(portal.isPresent(By.id("kc-login")), "the replaced token is refused at the portal's login");
            assertFalse(portal.isPresent(By.id("kc-enrol-choose-form")), portal.pageSource());

            portal.openPortal().usernamePassword(user, second);
            chromium.waitFor(By.id("kc-enrol-choose-form"));
        }
        List<EventRepresentation> issued = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId,
                null, null, null, 0, 10);
        assertEquals(2, issued.stream().filter(e -> "issued".equals(e.getDetails().get("registration_token"))).count(),
                "one event per issuance");
    }

    /** Turns the tab's switch on, saves, and returns the token of the {@code nth} mail, the one this issued. */
    private String issueInTheTab(AdminConsole console, String userId, String email, int nth) throws Exception {
        console.open("users/" + userId + "/registration-token");
        console.switchOn("hpcIssueToken");
        String alert = console.save();
        assertFalse(alert.toLowerCase().contains("could not"), alert);
        assertTrue(mail.waitForIncomingEmail(10_000, nth), "no registration token mail #" + nth);
        MimeMessage[] received = mail.getReceivedMessages();
        MimeMessage newest = received[received.length - 1];
        assertEquals(email, newest.getAllRecipients()[0].toString());
        Matcher token = TOKEN.matcher(Mails.text(newest));
        assertTrue(token.find(), Mails.text(newest));
        return token.group(1);
    }

    @Test
    void theLostPhoneResetInTheConsoleRemovesTheFactorsAndMailsAFreshToken() throws Exception {
        String user = TestUsers.create(realm.admin(), "console-lost", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        String email = realm.admin().users().get(userId).toRepresentation().getEmail();
        mail.runCleanup();
        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            console.open("users/" + userId + "/lost-phone");
            console.switchOn("hpcLostPhone");
            console.save();
            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no registration token mail");
            assertTrue(TOKEN.matcher(Mails.text(mailTo(email))).find());
            console.open("users/" + userId + "/lost-phone");
            String lastAction = console.value("hpcLastAction");
            assertTrue(lastAction.contains("lost-phone reset of " + user + ": removed otp"), lastAction);
            console.screenshot("lost-phone-reset");
        }
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
        assertFalse(types.contains("otp"), types.toString());
        assertTrue(types.containsAll(List.of("password", "registration-token")), types.toString());
        EventRepresentation removed = realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, userId,
                null, null, null, 0, 10).get(0);
        assertEquals("lost_phone", removed.getDetails().get("reason"));
        assertEquals("otp", removed.getDetails().get("removed_credentials"));
        adminAction("account-recovery/users/" + userId + "/lost-phone");
    }

    @Test
    void aUserWithoutEmailIsRefusedAndKeepsEverything() throws Exception {
        String user = TestUsers.create(realm.admin(), "console-nomail", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        var rep = realm.admin().users().get(userId).toRepresentation();
        rep.setEmail("");
        realm.admin().users().get(userId).update(rep);
        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            console.open("users/" + userId + "/lost-phone");
            console.switchOn("hpcLostPhone");
            String alert = console.save();
            assertTrue(alert.contains("Nothing was changed") && alert.contains("has no email address"), alert);
        }
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
        assertTrue(types.contains("otp"), "the reset was rolled back: " + types);
        assertFalse(types.contains("registration-token"), types.toString());
    }

    @Test
    void theFactorCensusPageCountsTheRealmsUsers() throws Exception {
        String enrolled = TestUsers.create(realm.admin(), "console-census-otp", "example.org", false, true);
        String bare = TestUsers.create(realm.admin(), "console-census-none", "example.org", false);
        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            console.open("users");
            console.click(By.linkText("Factor census"));
            console.click(By.xpath("//a[normalize-space()='Create item'] | //button[normalize-space()='Create item']"));
            console.waitUntil("the new census form", () -> console.chromium().driver().getCurrentUrl().endsWith("/add"));
            console.save();
            console.open("page-section/hpc-factor-census");
            console.waitFor(By.xpath("//td[contains(., 'UTC')]"));
            console.screenshot("factor-census-list");
            console.click(By.xpath("//td//a[contains(., 'UTC')]"));
            String without = console.value("hpcCensusWithoutList");
            assertTrue(without.contains(bare), without);
            assertFalse(without.contains(enrolled), without);
            assertTrue(console.value("hpcCensusPerType").contains("Authenticator app (otp): "),
                    console.value("hpcCensusPerType"));
            console.screenshot("factor-census-item");
        }
        ComponentRepresentation census = realm.admin().components().query(realm.getId(),
                "org.keycloak.services.ui.extend.UiPageProvider").stream()
                .filter(c -> "hpc-factor-census".equals(c.getProviderId())).reduce((a, b) -> b).orElseThrow();
        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        AdminConsole.SERVER + "/admin/realms/" + realm.getName() + "/account-recovery/factors"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode restCensus = JsonSerialization.readValue(rest.body(), JsonNode.class);
        assertEquals(restCensus.get("users").asText(), census.getConfig().getFirst("hpcCensusUsers"),
                "as the REST census");
        assertEquals(restCensus.get("usersWithoutSecondFactor").asText(),
                census.getConfig().getFirst("hpcCensusWithout"));
    }

    private MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().contains(address))) {
                return message;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    /** The newest ACTION admin event on {@code path}: what the REST endpoint writes. */
    private AdminEventRepresentation adminAction(String path) {
        return realm.admin().getAdminEvents(List.of("ACTION"), null, null, null, null, null, null, null, 0, 100)
                .stream().filter(e -> path.equals(e.getResourcePath())).findFirst()
                .orElseThrow(() -> new AssertionError("no ACTION admin event on " + path));
    }
}
