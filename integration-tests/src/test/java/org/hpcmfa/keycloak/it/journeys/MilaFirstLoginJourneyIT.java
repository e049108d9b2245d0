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
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Mila's first login (seed 000), in Chromium: the automated registration-token email, the portal login with
 * username and token, the forced enrolment of TOTP or push, recovery codes; later the portal takes TOTP only
 * (an email code is refused there), and SSH through the device grant takes TOTP, push or an email code.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class MilaFirstLoginJourneyIT extends BrowserJourney {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");

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
    void tokenThenTotpThenRecoveryCodesThenTotpOnlyPortalAndSshWithTotpOrEmailCode() throws Exception {
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
        assertEquals(12, codes.size());
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

        // SSH through the device grant with TOTP: a certificate for the user.
        JsonNode started = ssh.start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        assertTrue(browser.isPresent(By.id("otp")), "TOTP is asked first: " + browser.pageSource());
        browser.totp(phone.freshCode());
        Journey.finishDeviceLogin(chromium, browser);
        assertCertificateFor(user, ssh.poll("ssh-cli", null, started.get("device_code").asText()));

        // SSH with an email code instead ("Try another way"): a code mailed to the Mila address.
        mail.runCleanup();
        started = ssh.start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        browser.tryAnotherWay("Email code");
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no email code: " + browser.pageSource());
        String emailCode = Mails.code(mail.getLastReceivedMessage());

        // The same, still unused code is refused by the portal, like a wrong password ("TOTP tokens only").
        HttpLoginClient portal = new HttpLoginClient();
        portal.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.PORTAL, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        portal.submit("kc-form-login", Map.of("username", user, "password", emailCode));
        assertEquals(200, portal.last().statusCode(), "the portal let an email code in");
        assertTrue(portal.last().body().contains("Invalid username or password."), portal.last().body());

        // For SSH it works.
        browser.emailCode(emailCode);
        Journey.finishDeviceLogin(chromium, browser);
        assertCertificateFor(user, ssh.poll("ssh-cli", null, started.get("device_code").asText()));
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

        // SSH: the browser shows a number, the phone approves it, the page moves on by itself.
        JsonNode started = ssh.start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        chromium.waitFor(By.id("push-number"));
        String number = browser.text(By.id("push-number"));
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size(), "one login request on the phone");
        assertTrue(phone.approve(requests.get(0), number).value());
        Journey.finishDeviceLogin(chromium, browser);
        assertCertificateFor(user, ssh.poll("ssh-cli", null, started.get("device_code").asText()));
    }

    private void assertCertificateFor(String user, String accessToken) throws Exception {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl journey";
        DeviceLogin.Reply signed = ssh.sign(accessToken, JsonSerialization.writeValueAsString(
                Map.of("public_key", key)));
        assertEquals(200, signed.status(), signed.body().toString());
        assertEquals(user, signed.body().get("principals").get(0).asText());
    }
}
