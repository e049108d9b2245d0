package org.hpcmfa.keycloak.it.sshcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * Two factors for every person's certificate, judged from the login's completed steps, whatever flow the admin
 * built: a username plus one code is one factor; an email code counts only where the admin allows it.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TwoFactorCertificateIT {

    private static final String CLIENT = "ssh-hand-built";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl two-factor";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;
    DeviceLogin device;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        device = new DeviceLogin(realm.getBaseUrl());
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway", CLIENT)));
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway"),
                "email-codes-for-certificates", List.of("false")));
    }

    private String sign(String token) throws Exception {
        DeviceLogin.Reply reply = device.sign(token, "{\"public_key\":\"" + KEY + "\"}");
        return reply.status() + " " + reply.body().path("error").asText() + " " + reply.body().path("error_description").asText();
    }

    /** The device login of {@code clientId} up to Keycloak's success page; the second-factor page is the caller's. */
    private JsonNode startAt(String clientId) throws Exception {
        mail.runCleanup();
        JsonNode started = device.start(clientId, null, KEY);
        browser.driver().cookies().deleteAll();
        browser.driver().open(started.get("verification_uri_complete").asText());
        if (browser.isPresent(By.id("device-user-code"))) {
            browser.submit(browser.driver().findElement(By.id("kc-login")));
        }
        return started;
    }

    private String emailCode() throws Exception {
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no email code: " + browser.pageSource());
        return Mails.code(mail.getLastReceivedMessage());
    }

    private String finish(String clientId, JsonNode started) throws Exception {
        DeviceLogin.approveKey(browser);
        return device.poll(clientId, null, started.get("device_code").asText());
    }

    private void assertRefusalEvent(String user, String text) {
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 20);
        assertTrue(refused.stream().anyMatch(e -> "ssh_cert_mfa_required".equals(e.getError())
                && String.valueOf(e.getDetails().get("reason")).contains(text)), "no refusal event: " + refused);
    }

    @Test
    void usernameAndEmailCodeWithoutPasswordGetNoCertificate() throws Exception {
        // The old demo flow: the username, then an email code. Its acr is whatever the flow says; the steps decide.
        String user = TestUsers.create(realm.admin(), "tf-nopw", "example.org", true);
        DeviceFlows.client(realm.admin(), CLIENT, DeviceFlows.flow(realm.admin(), "username-then-email",
                "auth-username-form", "hpc-email-otp"));
        SshAdminApi.configure(realm, Map.of("email-codes-for-certificates", List.of("true"), "mfa-min-loa", List.of("1")));
        try {
            JsonNode started = startAt(CLIENT);
            browser.driver().findElement(By.id("username")).sendKeys(user);
            browser.submit(browser.driver().findElement(By.id("kc-login")));
            assertFalse(browser.isPresent(By.id("password")), "this flow asks no password");
            browser.emailCode(emailCode());
            String refused = sign(finish(CLIENT, started));
            assertTrue(refused.startsWith("403 mfa_required Access requires MFA: the login proved no first factor "
                    + "(password or passkey)."), refused);
            assertTrue(refused.contains("It proved: email code."), refused);
            assertRefusalEvent(user, "no first factor");
        } finally {
            SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("2")));
        }
    }

    @Test
    void aFlowThatSkipsThePasswordCannotMintACertificateEvenWithTotp() throws Exception {
        String user = TestUsers.create(realm.admin(), "tf-skip", "example.org", true, true);
        DeviceFlows.client(realm.admin(), CLIENT, DeviceFlows.flow(realm.admin(), "username-then-totp",
                "auth-username-form", "auth-otp-form"));
        SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("1")));
        try {
            JsonNode started = startAt(CLIENT);
            browser.driver().findElement(By.id("username")).sendKeys(user);
            browser.submit(browser.driver().findElement(By.id("kc-login")));
            browser.totp(TestUsers.totpNow());
            String refused = sign(finish(CLIENT, started));
            assertTrue(refused.startsWith("403 mfa_required Access requires MFA: the login proved no first factor"), refused);
            assertTrue(refused.contains("It proved: TOTP."), refused);
        } finally {
            SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("2")));
        }
    }

    @Test
    void passwordAndEmailCodeOnlyWhereTheAdminAllowsEmailForCertificates() throws Exception {
        String user = TestUsers.create(realm.admin(), "tf-email", "example.org", true);
        DeviceFlows.client(realm.admin(), CLIENT, DeviceFlows.flow(realm.admin(), "password-then-email",
                "auth-username-password-form", "hpc-email-otp"));
        // A hand-built flow without the key review step: key binding (KeyBindingIT) is off for this test.
        SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("1"), "require-key-binding", List.of("false")));
        try {
            JsonNode started = startAt(CLIENT);
            browser.usernamePassword(user, TestUsers.PASSWORD);
            browser.emailCode(emailCode());
            String token = finish(CLIENT, started);

            String refused = sign(token);
            assertTrue(refused.startsWith("403 mfa_required Access requires MFA: the login proved no second factor "
                    + "(TOTP, push, security key or recovery code); email codes do not count for certificates in this "
                    + "realm."), refused);
            assertRefusalEvent(user, "email codes do not count");

            SshAdminApi.configure(realm, Map.of("email-codes-for-certificates", List.of("true")));
            DeviceLogin.Reply signed = device.sign(token, "{\"public_key\":\"" + KEY + "\"}");
            assertEquals(200, signed.status(), signed.body().toString());
            assertEquals("verified", signed.body().get("mfa").asText());
        } finally {
            SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("2"), "require-key-binding", List.of("true"),
                    "email-codes-for-certificates", List.of("false")));
        }
    }

    @Test
    void theDemoDeviceLoginAsksThePasswordThenTotpAndGetsACertificate() throws Exception {
        assertEquals(List.of("auth-username-password-form", "conditional-level-of-authentication", "auth-otp-form",
                "hpc-push", "hpc-recovery-code", "hpc-ssh-key-review"), DeviceFlows.steps(realm.admin(), "ssh-device-login"),
                "the demo's device login: password, then TOTP, push or a recovery code (no email), then the key review");
        String user = TestUsers.create(realm.admin(), "tf-totp", "example.org", true, true);
        JsonNode started = startAt("ssh-cli");
        assertTrue(browser.isPresent(By.id("password")), "the password comes first: " + browser.pageSource());
        browser.usernamePassword(user, TestUsers.PASSWORD);
        browser.totp(TestUsers.totpNow());
        DeviceLogin.Reply signed = device.sign(finish("ssh-cli", started), "{\"public_key\":\"" + KEY + "\"}");
        assertEquals(200, signed.status(), signed.body().toString());
        assertEquals(user, signed.body().get("principals").get(0).asText());
    }

    @Test
    void theDemoDeviceLoginTakesThePasswordAndARecoveryCodeForACertificate() throws Exception {
        // A person without the phone: any one of their recovery codes is the second factor, once.
        List<String> codes = List.of("RCDEVICE0001", "RCDEVICE0002", "RCDEVICE0003", "RCDEVICE0004", "RCDEVICE0005");
        String user = TestUsers.create(realm.admin(), "tf-recovery", "example.org", false,
                List.of(TestUsers.recoveryCodesCredential(codes)));
        JsonNode started = startAt("ssh-cli");
        browser.usernamePassword(user, TestUsers.PASSWORD);
        browser.driver().findElement(By.id("recoveryCodeInput")).sendKeys("rcde-vice-0003");
        browser.submit(browser.driver().findElement(By.id("kc-login")));
        DeviceLogin.Reply signed = device.sign(finish("ssh-cli", started), "{\"public_key\":\"" + KEY + "\"}");
        assertEquals(200, signed.status(), signed.body().toString());
        assertEquals(user, signed.body().get("principals").get(0).asText());
    }

    @Test
    void aUserWithOnlyAnEmailAddressGetsNoCertificateFromTheDemoDeviceLogin() throws Exception {
        // Email codes are not among the demo device login's second factors any more.
        String user = TestUsers.create(realm.admin(), "tf-mailonly", "example.org", true);
        JsonNode started = startAt("ssh-cli");
        browser.usernamePassword(user, TestUsers.PASSWORD);
        assertFalse(browser.isPresent(By.id("emailCode")), "an email code is offered: " + browser.pageSource());
        assertFalse(mail.waitForIncomingEmail(2_000, 1), "an email code was sent");
        if (browser.isPresent(By.id("kc-oauth")) || browser.pageSource().contains("Device Login Successful")) {
            // Should Keycloak ever let a login without a configured second factor through, the CA still refuses.
            String refused = sign(finish("ssh-cli", started));
            assertTrue(refused.startsWith("403 mfa_required Access requires MFA: the login proved no second factor"),
                    refused);
        }
    }
}
