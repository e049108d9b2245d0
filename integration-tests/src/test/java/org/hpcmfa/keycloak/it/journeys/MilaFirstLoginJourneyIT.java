package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Mila's first login (seed 000), in Chromium: the automated registration-token email, the portal login with
 * username and token, the forced enrolment of TOTP or push, recovery codes; later the portal takes TOTP only
 * (an email code is refused there). Mila has no password, so SSH is the key (first factor) and a code at the
 * terminal prompt (second factor): TOTP, push or an email code; the device grant, which asks for a password, is
 * not her way in.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class MilaFirstLoginJourneyIT extends BrowserJourney {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");
    private static final Pattern NUMBER = Pattern.compile("choose (\\d\\d) ");
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl journey";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    DeviceLogin ssh;

    @Override
    ManagedRealm realm() {
        return realm;
    }

    @BeforeEach
    void sshClient() {
        ssh = new DeviceLogin(realm.getBaseUrl());
    }

    /** The admin creates the account; the registration token arrives by mail (the "automated email"). */
    private String registrationTokenMailedTo(String user) throws Exception {
        mail.runCleanup();
        TokenAdminApi.Reply issued = new TokenAdminApi("http://localhost:8080", realm.getName())
                .issue(admin.tokenManager().getAccessTokenString(), TestUsers.id(realm.admin(), user), true);
        assertEquals(200, issued.status(), String.valueOf(issued.body()));
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no registration token mail");
        Matcher token = TOKEN.matcher(Mails.text(mail.getLastReceivedMessage()));
        assertTrue(token.find(), Mails.text(mail.getLastReceivedMessage()));
        return token.group(1);
    }

    @Test
    void tokenThenTotpThenRecoveryCodesThenTotpOnlyPortalAndSshPromptWithTotpOrEmailCode() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "mila-totp", "mila.quebec");
        String token = registrationTokenMailedTo(user);

        // Portal: the token goes into the password field; a permanent factor must be chosen and enrolled now.
        browser.openPortal().usernamePassword(user, token);
        assertTrue(browser.isPresent(By.id("factor-CONFIGURE_TOTP")) && browser.isPresent(By.id("factor-hpc-push-setup")),
                "TOTP and push are offered: " + browser.pageSource());
        browser.chooseFactorIfAsked("CONFIGURE_TOTP");
        // The person cannot scan: "Unable to scan?" shows the key to type into the app.
        chromium.driver().findElement(By.id("mode-manual")).click();
        chromium.waitFor(By.id("kc-totp-secret-key"));
        AuthenticatorApp phone = AuthenticatorApp.fromTypedKey(browser.text(By.id("kc-totp-secret-key")));
        chromium.driver().findElement(By.id("totp")).sendKeys(phone.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys("Pixel");
        chromium.driver().findElement(By.id("saveTOTPBtn")).click();

        chromium.waitFor(By.id("kc-recovery-codes-list"));
        List<WebElement> codes = chromium.driver().findElements(By.cssSelector("#kc-recovery-codes-list li"));
        assertEquals(8, codes.size(), "the demo realm's count");
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        chromium.driver().findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        chromium.waitFor(By.id("kc-enrol-finish"));
        chromium.driver().findElement(By.id("kc-enrol-finish")).click();
        chromium.waitUntil("back at the portal, logged in", browser::loggedIn);

        // Later portal logins: the token is spent, TOTP works.
        realm.admin().users().get(TestUsers.id(realm.admin(), user)).logout();
        browser.openPortal().usernamePassword(user, token);
        assertTrue(browser.pageSource().contains("This registration token was already used"), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-attempted-username")), "a refused login shows the user as signed in");
        browser.openPortal().usernamePassword(user, phone.freshCode());
        assertTrue(browser.loggedIn(), "the portal takes the TOTP code: " + browser.pageSource());

        // Mila has no password, so the device grant (password, then a second factor) cannot give her a
        // certificate: a TOTP code in the password field is refused like a wrong password.
        JsonNode started = ssh.start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user, phone.freshCode());
        assertTrue(browser.pageSource().contains("Invalid username or password."), browser.pageSource());
        assertFalse(browser.isPresent(By.id("otp")), "a code alone passed the password step");

        // Her way in is the terminal prompt: sshd accepted her SSH key (the first factor), the prompt asks for a
        // code (the second). With an email code first: the prompt mailed one to the Mila address.
        TerminalApi gateway = new TerminalApi(realm.getBaseUrl());
        String gatewayToken = gateway.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        mail.runCleanup();
        TerminalApi.Reply prompt = gateway.start(gatewayToken, user);
        assertEquals(200, prompt.status(), prompt.body().toString());
        assertTrue(prompt.text("prompt").contains("A code was sent by email to"), prompt.body().toString());
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no email code");
        String emailCode = Mails.code(mail.getLastReceivedMessage());

        // The same, still unused code is refused by the portal, like a wrong password ("TOTP tokens only"). A person
        // takes longer than a second between two refusals; Keycloak's quick-login check locks the account for a
        // minute after two failures within one (the device grant's refusal above was the first).
        Thread.sleep(1_500);
        HttpLoginClient portal = new HttpLoginClient();
        portal.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.PORTAL, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        portal.submit("kc-form-login", Map.of("username", user, "password", emailCode));
        assertEquals(200, portal.last().statusCode(), "the portal let an email code in");
        assertTrue(portal.last().body().contains("Invalid username or password."), portal.last().body());

        // At the SSH prompt it works: there the key is the first factor.
        TerminalApi.Reply finished = gateway.finish(gatewayToken, prompt.text("handle"), emailCode);
        assertEquals(200, finished.status(), finished.body().toString());
        assertEquals(user, finished.text("username"));

        // With the TOTP code, the login node asks for a certificate for her key at the same time.
        prompt = gateway.start(gatewayToken, user);
        assertEquals(200, prompt.status(), prompt.body().toString());
        assertCertificateFor(user, gateway.call(gatewayToken, "finish", Map.of("handle", prompt.text("handle"),
                "answer", phone.freshCode(), "public_key", KEY)));
    }

    @Test
    void tokenThenPushEnrolmentThenSshApprovedOnThePhone() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "mila-push", "mila.quebec");
        String token = registrationTokenMailedTo(user);

        browser.openPortal().usernamePassword(user, token);
        browser.chooseFactorIfAsked("hpc-push-setup");
        PrivacyIdeaApp phone = PrivacyIdeaApp.scan(browser.text(By.id("push-enrol-uri")));
        assertEquals(200, phone.rollout().status());
        // The enrolment page notices the phone by itself (its JavaScript polls): no click needed.
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        chromium.driver().findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        chromium.waitFor(By.id("kc-enrol-finish"));
        chromium.driver().findElement(By.id("kc-enrol-finish")).click();
        chromium.waitUntil("back at the portal, logged in", browser::loggedIn);
        List<String> types = realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
        assertTrue(types.contains("hpc-push") && types.contains("recovery-authn-codes"), types.toString());

        // SSH at the terminal prompt: the phone shows the request, Mila picks the number the prompt shows.
        TerminalApi gateway = new TerminalApi(realm.getBaseUrl());
        String gatewayToken = gateway.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply prompt = gateway.start(gatewayToken, user);
        assertEquals(200, prompt.status(), prompt.body().toString());
        Matcher number = NUMBER.matcher(prompt.text("prompt"));
        assertTrue(number.find(), prompt.text("prompt"));
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size(), "one login request on the phone");
        assertTrue(phone.approve(requests.get(0), number.group(1)).value());
        assertCertificateFor(user, gateway.call(gatewayToken, "finish", Map.of("handle", prompt.text("handle"),
                "answer", "", "public_key", KEY)));
    }

    /** A terminal login that succeeded and brought a certificate for Mila's key. */
    private static void assertCertificateFor(String user, TerminalApi.Reply finished) {
        assertEquals(200, finished.status(), finished.body().toString());
        assertEquals("ok", finished.text("result"));
        assertTrue(finished.text("certificate").startsWith("ssh-ed25519-cert-v01@openssh.com "), finished.body().toString());
        assertEquals(user, finished.body().get("principals").get(0).asText());
    }
}
