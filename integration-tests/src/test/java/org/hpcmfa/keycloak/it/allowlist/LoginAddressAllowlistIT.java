package org.hpcmfa.keycloak.it.allowlist;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * The firewall allow-list with the demo realm's logins: a two-factor login (the research application's password
 * and TOTP, or the SSH terminal prompt) lists its address for the firewall client, a one-factor login (the portal's
 * username and one code) does not; the person removes an address on their page in Chromium, an admin through the
 * admin endpoint; the list is the firewall client's only, with ETag and 304.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class LoginAddressAllowlistIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    private final List<String> users = new ArrayList<>();
    private AllowlistApi api;
    private String firewallToken;

    @BeforeEach
    void turnOn() throws Exception {
        AllowlistApi.ensureFirewallClient(realm.admin());
        AllowlistApi.settings(realm.admin(), Map.of("login-address-enabled", "true"));
        api = new AllowlistApi(realm.getBaseUrl());
        firewallToken = new TerminalApi(realm.getBaseUrl()).gatewayToken(AllowlistApi.FIREWALL_CLIENT,
                AllowlistApi.FIREWALL_SECRET);
    }

    @AfterEach
    void clear() throws Exception {
        api.clear(adminToken(), users);
    }

    private String adminToken() {
        return admin.tokenManager().getAccessTokenString();
    }

    private String user(String prefix) {
        String username = TestUsers.create(realm.admin(), prefix, "example.org", false, true);
        users.add(TestUsers.id(realm.admin(), username));
        return username;
    }

    /** The user's addresses, once the recording (after the login's own commit) is visible. */
    private List<String> addressesOf(String userId, int expected) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        List<String> addresses = api.ofUser(adminToken(), userId);
        while (addresses.size() < expected && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            addresses = api.ofUser(adminToken(), userId);
        }
        return addresses;
    }

    private void loginTheme(String theme) {
        org.keycloak.representations.idm.RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setLoginTheme(theme);
        realm.admin().update(rep);
    }

    private List<String> firewallList() throws Exception {
        AllowlistApi.Reply reply = api.firewall(firewallToken, "firewall", Map.of());
        assertEquals(200, reply.status(), reply.body());
        return reply.addresses();
    }

    @Test
    void aTwoFactorBrowserLoginIsListedAOneFactorLoginIsNotAndThePersonRemovesIt() throws Exception {
        String user = user("al-browser");
        String userId = users.get(users.size() - 1);
        String chromiumAddress;
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);

            // The portal's login: the username and one code (here the TOTP code). One factor: nothing recorded.
            browser.openPortal().usernamePassword(user, TestUsers.totpNow());
            assertTrue(browser.loggedIn(), browser.pageSource());
            Thread.sleep(500);
            assertEquals(List.of(), api.ofUser(adminToken(), userId), "a username and one code is one factor");

            // The research application: password and TOTP, two factors. The address is recorded.
            browser.open().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
            assertTrue(browser.loggedIn(), browser.pageSource());
            List<String> mine = addressesOf(userId, 1);
            assertEquals(1, mine.size(), mine.toString());
            String address = mine.get(0);
            chromiumAddress = address;
            assertTrue(address.equals("127.0.0.1") || address.equals("::1"), address);
            assertTrue(firewallList().contains(address), "the firewall list names the address");
            assertTrue(api.firewall(firewallToken, "firewall.txt", Map.of()).body().lines().anyMatch(address::equals));

            // The person's page lists it and removes it.
            chromium.driver().get(realm.getBaseUrl() + "/login-addresses");
            By row = By.cssSelector("li.login-address[data-address='" + address + "']");
            chromium.waitFor(row);
            assertTrue(chromium.driver().findElement(By.id("login-addresses-intro")).getText().contains(user));
            browser.submit(chromium.driver().findElement(row).findElement(By.cssSelector("button")));
            chromium.waitFor(By.id("login-addresses-removed"));
            assertTrue(chromium.driver().findElements(row).isEmpty(), "the page no longer lists it");

            // The page under Keycloak's two login themes, not only the demo's own.
            for (String theme : List.of("keycloak", "keycloak.v2")) {
                loginTheme(theme);
                chromium.driver().get(realm.getBaseUrl() + "/login-addresses");
                chromium.waitFor(By.id("login-addresses-none"));
                assertFalse(chromium.driver().findElements(By.id("login-addresses-portal")).isEmpty(), theme);
            }
            loginTheme("hpc-mfa");
        }
        assertEquals(List.of(), api.ofUser(adminToken(), userId));
        String gone = chromiumAddress;
        assertFalse(firewallList().contains(gone), "the firewall list no longer names it: " + firewallList());
        assertTrue(PushAdmin.events(realm.admin(), userId, "CUSTOM_REQUIRED_ACTION").stream()
                .anyMatch(e -> "hpc-login-address-remove".equals(e.getDetails().get("custom_required_action"))),
                "the removal is an event");
    }

    @Test
    void aForgedRemovalRemovesNothing() throws Exception {
        String user = user("al-forge");
        String userId = users.get(users.size() - 1);
        String other = user("al-other");
        String otherId = users.get(users.size() - 1);
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply started = terminal.call(gateway, "start", Map.of("username", other,
                "remote_address", "198.51.100.78"));
        assertEquals(200, terminal.finish(gateway, started.text("handle"), TestUsers.totpNow()).status());
        assertEquals(List.of("198.51.100.78"), addressesOf(otherId, 1));
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            browser.open().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
            assertTrue(browser.loggedIn(), browser.pageSource());
            String address = addressesOf(userId, 1).get(0);
            By row = By.cssSelector("li.login-address[data-address='" + address + "']");
            // The person's cookies, a form whose fields another site chose: no token, a wrong one, another's address.
            for (String[] forged : new String[][] {{"token", null}, {"token", "wrong"}, {"token", "AAAA"},
                    {"address", "198.51.100.78"}}) {
                chromium.driver().get(realm.getBaseUrl() + "/login-addresses");
                chromium.waitFor(row);
                org.openqa.selenium.WebElement form = chromium.driver().findElement(row).findElement(By.tagName("form"));
                chromium.driver().executeScript(forged[1] == null
                        ? "arguments[0].querySelector(\"input[name='\" + arguments[1] + \"']\").remove();"
                        : "arguments[0].querySelector(\"input[name='\" + arguments[1] + \"']\").value = arguments[2];",
                        form, forged[0], forged[1]);
                browser.submit(form.findElement(By.cssSelector("button")));
                chromium.waitFor(By.id("login-addresses-error"));
                assertTrue(chromium.driver().findElements(By.id("login-addresses-removed")).isEmpty(), forged[0]);
                assertEquals(List.of(address), api.ofUser(adminToken(), userId), "nothing removed: " + forged[1]);
                assertEquals(List.of("198.51.100.78"), api.ofUser(adminToken(), otherId), "the other's stays");
            }
        }
        List<String> errors = PushAdmin.events(realm.admin(), userId, "CUSTOM_REQUIRED_ACTION_ERROR").stream()
                .map(e -> e.getError()).toList();
        assertEquals(3, errors.stream().filter("login_address_invalid_form"::equals).count(), errors.toString());
        assertTrue(errors.contains("login_address_not_found"), errors.toString());
    }

    @Test
    void theBrowserLoginThatApprovesADeviceGrantRecordsNothing() throws Exception {
        String user = user("al-device");
        String userId = users.get(users.size() - 1);
        org.hpcmfa.keycloak.it.sshcert.DeviceLogin device = new org.hpcmfa.keycloak.it.sshcert.DeviceLogin(
                realm.getBaseUrl());
        com.fasterxml.jackson.databind.JsonNode started = device.start("ssh-cli", null);
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            // The QR code's URL on "the phone": password and TOTP, two factors, from the phone's address.
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            org.hpcmfa.keycloak.it.sshcert.DeviceLogin.openInBrowser(browser,
                    started.get("verification_uri_complete").asText(), user);
            assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
            browser.totp(TestUsers.totpNow());
            chromium.waitUntil("the key review, consent or success page", () -> browser.isPresent(By.id(
                    "kc-key-review-approve")) || browser.isPresent(By.id("kc-oauth"))
                    || chromium.driver().getPageSource().contains("Device Login Successful"));
            org.hpcmfa.keycloak.it.sshcert.DeviceLogin.approveKey(browser);
            chromium.waitUntil("Keycloak's device success page",
                    () -> chromium.driver().getPageSource().contains("Device Login Successful"));
        }
        assertFalse(device.poll("ssh-cli", null, started.get("device_code").asText()).isEmpty(),
                "the device grant completed");
        assertFalse(PushAdmin.events(realm.admin(), userId, "LOGIN").isEmpty(), "Keycloak wrote the LOGIN event");
        Thread.sleep(1000);
        assertEquals(List.of(), api.ofUser(adminToken(), userId), "the phone's (carrier's) address is not allowed");
    }

    @Test
    void theAdminEndpointWantsTheUserRoles() throws Exception {
        String userId = TestUsers.id(realm.admin(), user("al-perm"));
        // A token of the realm without any realm-management role (the firewall client's service account) ...
        assertForbidden(firewallToken, userId);
        // ... and one with a realm-management role that is not view-users / manage-users.
        String clientId = "al-view-realm";
        if (realm.admin().clients().findByClientId(clientId).isEmpty()) {
            org.keycloak.representations.idm.ClientRepresentation client =
                    new org.keycloak.representations.idm.ClientRepresentation();
            client.setClientId(clientId);
            client.setSecret("al-view-realm-secret");
            client.setPublicClient(false);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            realm.admin().clients().create(client).close();
            String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
            String account = realm.admin().clients().get(id).getServiceAccountUser().getId();
            String management = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            realm.admin().users().get(account).roles().clientLevel(management).add(List.of(
                    realm.admin().clients().get(management).roles().get("view-realm").toRepresentation()));
        }
        assertForbidden(new TerminalApi(realm.getBaseUrl()).gatewayToken(clientId, "al-view-realm-secret"), userId);
    }

    private void assertForbidden(String token, String userId) throws Exception {
        AllowlistApi.Reply list = api.adminList(token, userId);
        assertEquals(403, list.status(), list.body());
        assertTrue(list.header("Content-Type").startsWith("application/json"), list.header("Content-Type"));
        assertFalse(list.json().path("error").asText().isEmpty(), list.body());
        AllowlistApi.Reply remove = api.adminRemove(token, userId, "192.0.2.1");
        assertEquals(403, remove.status(), remove.body());
        assertFalse(remove.json().path("error").asText().isEmpty(), remove.body());
        assertFalse(remove.body().contains("Exception"), remove.body());
    }

    @Test
    void theSshPromptRecordsTheClientsAddressAndAnAdminRemovesIt() throws Exception {
        String user = user("al-ssh");
        String userId = users.get(users.size() - 1);
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply started = terminal.call(gateway, "start", Map.of("username", user,
                "remote_address", "2001:DB8:0:0:0:0:0:77"));
        assertEquals(200, terminal.finish(gateway, started.text("handle"), TestUsers.totpNow()).status());
        assertEquals(List.of("2001:db8::77"), addressesOf(userId, 1), "the SSH client's address, as nft writes it");

        AllowlistApi.Reply json = api.firewall(firewallToken, "firewall", Map.of());
        assertTrue(json.addresses().contains("2001:db8::77"), json.body());
        assertEquals(90, json.json().path("days").asInt());
        String etag = json.header("ETag");
        assertNotNull(etag);
        assertEquals("no-cache", json.header("Cache-Control"));
        AllowlistApi.Reply unchanged = api.firewall(firewallToken, "firewall", Map.of("If-None-Match", etag));
        assertEquals(304, unchanged.status(), "same list, same ETag: 304");
        assertEquals("", unchanged.body());
        String textEtag = api.firewall(firewallToken, "firewall.txt", Map.of()).header("ETag");
        assertNotEquals(etag, textEtag, "the text and JSON answers are different representations");

        assertEquals(400, api.adminRemove(adminToken(), userId, "not-an-address").status());
        AllowlistApi.Reply absent = api.adminRemove(adminToken(), userId, "192.0.2.200");
        assertEquals(404, absent.status());
        assertEquals("address_not_found", absent.json().path("error").asText());
        AllowlistApi.Reply removed = api.adminRemove(adminToken(), userId, "2001:db8::77");
        assertEquals(200, removed.status(), removed.body());
        assertEquals(List.of(), api.ofUser(adminToken(), userId));

        AllowlistApi.Reply after = api.firewall(firewallToken, "firewall", Map.of("If-None-Match", etag));
        assertEquals(200, after.status(), "the list changed: the old ETag no longer matches");
        assertFalse(after.addresses().contains("2001:db8::77"), after.body());
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "DELETE".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().contains("login-addresses")),
                "the admin's removal is an admin event");
    }

    @Test
    void aRefusedPromptRecordsNothing() throws Exception {
        String user = user("al-refused");
        String userId = users.get(users.size() - 1);
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply started = terminal.call(gateway, "start", Map.of("username", user,
                "remote_address", "192.0.2.55"));
        TerminalApi.Reply wrong = terminal.finish(gateway, started.text("handle"), "000000");
        assertEquals(4, wrong.status() / 100, "a wrong code is refused: " + wrong.body());
        Thread.sleep(500);
        assertEquals(List.of(), api.ofUser(adminToken(), userId), "the key alone is one factor");
        assertFalse(firewallList().contains("192.0.2.55"));
    }

    @Test
    void theListIsTheFirewallClientsOnly() throws Exception {
        AllowlistApi.Reply none = api.firewall(null, "firewall", Map.of());
        assertEquals(401, none.status());
        assertEquals("missing_token", none.json().path("error").asText());
        assertTrue(none.header("Content-Type").startsWith("application/json"));
        assertEquals("invalid_token", api.firewall("not-a-token", "firewall", Map.of()).json().path("error").asText());

        // A login node's client: confidential, a service account, but not the firewall role.
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        AllowlistApi.Reply wrongRole = api.firewall(gateway, "firewall.txt", Map.of());
        assertEquals(403, wrongRole.status());
        assertEquals("firewall_not_allowed", wrongRole.json().path("error").asText());
        assertTrue(wrongRole.json().path("error_description").asText().contains("firewall-sync"), wrongRole.body());
        assertFalse(wrongRole.body().contains("Exception"), wrongRole.body());
        assertTrue(PushAdmin.events(realm.admin(), null, "CLIENT_LOGIN_ERROR").stream()
                .anyMatch(e -> "login_address_firewall_not_allowed".equals(e.getError())), "the refusal is an event");

        AllowlistApi.settings(realm.admin(), Map.of("login-address-enabled", "false"));
        AllowlistApi.Reply off = api.firewall(firewallToken, "firewall", Map.of());
        assertEquals(404, off.status());
        assertEquals("allowlist_disabled", off.json().path("error").asText());
    }
}
