package org.hpcmfa.keycloak.it.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * SMS codes in the browser against a fake gateway on the test's loopback: the set-up proves the phone, the login
 * texts a code, the webhook and Twilio request shapes (vault secret included), a gateway that fails, and the rules
 * shared with email codes (single use, expiry, cooldown, hourly cap, brute force), as an attacker would test them.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SmsCodeIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    FakeSmsGateway gateway;
    LoginDriver browser;

    @BeforeEach
    void fakeGateway() throws Exception {
        gateway = FakeSmsGateway.start();
        SmsAdmin.writeVaultSecret(realm.getName());
        SmsAdmin.configure(realm.admin(), gateway, Map.of());
        RealmLockout.failureFactor(realm.admin(), 10);
        browser = new LoginDriver(driver, realm);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private void type(String field, String value, String button) {
        WebElement input = driver.findElement(By.id(field));
        input.clear();
        input.sendKeys(value);
        browser.submit(driver.findElement(By.id(button)));
    }

    private void smsCode(String code) {
        type("smsCode", code, "kc-login");
    }

    private void resend() {
        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('kc-sms-resend-form').submit();");
    }

    private List<CredentialRepresentation> phones(String username) {
        return realm.admin().users().get(TestUsers.id(realm.admin(), username)).credentials().stream()
                .filter(c -> "hpc-sms".equals(c.getType())).toList();
    }

    @Test
    void theSetUpProvesThePhoneBeforeItIsStoredThenLoginsAskForATextedCode() {
        String user = TestUsers.create(realm.admin(), "sms-setup", "example.org", false);
        UserRepresentation rep = realm.admin().users().get(TestUsers.id(realm.admin(), user)).toRepresentation();
        rep.setRequiredActions(List.of("hpc-sms-setup"));
        realm.admin().users().get(rep.getId()).update(rep);
        String phone = SmsAdmin.newPhone();

        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        type("phone", "0470 12 34 56", "sms-setup-send");
        assertTrue(browser.text(By.id("input-error-phone")).contains("international form"), browser.pageSource());
        assertTrue(gateway.requests().isEmpty(), "a text to a number that is not E.164");

        type("phone", phone.substring(0, 3) + " " + phone.substring(3), "sms-setup-send");
        assertEquals(1, gateway.to(phone).size());
        assertTrue(phones(user).isEmpty(), "the phone is stored before it is proven");
        String code = gateway.lastCodeTo(phone);
        type("smsCode", code.equals("000000") ? "111111" : "000000", "sms-setup-verify");
        assertEquals("Invalid code.", browser.text(By.id("input-error-sms-code")));
        assertTrue(phones(user).isEmpty());
        type("smsCode", code, "sms-setup-verify");
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertEquals(1, phones(user).size());
        assertFalse(phones(user).get(0).getUserLabel().contains(phone.substring(3, 9)), "the label shows the whole number");

        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.pageSource().contains(phone.substring(0, 3) + " *** *** " + phone.substring(phone.length() - 2)),
                browser.pageSource());
        String loginCode = gateway.lastCodeTo(phone);
        smsCode(loginCode);
        assertTrue(browser.loggedIn(), browser.pageSource());

        // The same code again, in a new login: that login texted its own code; the old one is spent.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertNotEquals(loginCode, gateway.lastCodeTo(phone));
        smsCode(loginCode);
        assertFalse(browser.loggedIn(), "a used code logged in again");
    }

    @Test
    void theWebhookGetsTheAdminsHeadersTheVaultSecretAndTheBodyTemplate() {
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-webhook", phone);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        FakeSmsGateway.Request sent = gateway.to(phone).get(0);
        assertEquals("POST", sent.method());
        assertEquals("/sms", sent.path());
        assertEquals("Bearer " + SmsAdmin.VAULT_SECRET, sent.header("Authorization"));
        assertEquals("hpc-it", sent.header("X-Site"));
        assertTrue(sent.header("Content-Type").startsWith("application/json"), sent.header("Content-Type"));
        String code = gateway.lastCodeTo(phone);
        assertEquals("{\"to\": \"" + phone + "\", \"text\": \"" + code + " is your Research Computing MFA (demo) login code. It is valid for 5 "
                + "minutes. Never give it to anyone.\", \"code\": \"" + code + "\"}", sent.body());
        smsCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void aTwilioShapedGatewayGetsItsMessagesApiRequest() {
        gateway.answer(201);
        SmsAdmin.configure(realm.admin(), gateway, Map.of("gateway", "twilio", "twilio-base-url", gateway.url(""),
                "twilio-account-sid", "AC0123456789abcdef", "twilio-auth-token", "${vault.sms-token}",
                "twilio-from", "+15005550006"));
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-twilio", phone);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        FakeSmsGateway.Request sent = gateway.to(phone).get(0);
        assertEquals("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json", sent.path());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(("AC0123456789abcdef:" + SmsAdmin.VAULT_SECRET)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), sent.header("Authorization"));
        assertTrue(sent.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertTrue(sent.body().startsWith("To=" + phone.replace("+", "%2B") + "&From=%2B15005550006&Body="), sent.body());
        smsCode(gateway.lastCodeTo(phone));
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void aFailingGatewayIsAClearMessageAndAnEventAndTheCodeAlreadySentStaysValid() {
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-down", phone);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = gateway.lastCodeTo(phone);

        gateway.answer(503);
        resend();
        String page = browser.pageSource();
        assertTrue(page.contains("The text message with your code could not be sent."), page);
        assertFalse(page.contains("Exception") || page.contains("org.hpcmfa"), "a stack trace or class name on the page");
        EventRepresentation failed = SmsAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").get(0);
        assertEquals("sms_code_send_failed", failed.getError());
        assertEquals("SMS webhook gateway answered HTTP 503 (error 30003)", failed.getDetails().get("reason"));
        assertFalse(failed.getDetails().toString().contains(SmsAdmin.VAULT_SECRET) || failed.getDetails().toString().contains(code));

        gateway.close(); // unreachable: the same clear message
        resend();
        assertTrue(browser.pageSource().contains("could not be sent"), browser.pageSource());
        smsCode(code);
        assertTrue(browser.loggedIn(), "the code sent before the failures no longer works: " + browser.pageSource());
    }

    @Test
    void resendWaitsForTheCooldownAndTheHourlyCapHoldsAcrossLogins() {
        SmsAdmin.configure(realm.admin(), gateway, Map.of("resend-cooldown-seconds", "60", "max-sms-per-hour", "2"));
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-limits", phone);
        String userId = TestUsers.id(realm.admin(), user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        resend();
        assertTrue(browser.pageSource().contains("A code was sent moments ago."), browser.pageSource());
        assertEquals(1, gateway.to(phone).size());
        assertEquals("sms_code_resend_cooldown", SmsAdmin.events(realm.admin(), userId, "LOGIN_ERROR").get(0).getError());

        SmsAdmin.configure(realm.admin(), gateway, Map.of("max-sms-per-hour", "2"));
        resend();
        assertEquals(2, gateway.to(phone).size());
        new LoginDriver(driver, realm).open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.pageSource().contains("Too many codes were sent to your phone in the last hour."), browser.pageSource());
        assertEquals(2, gateway.to(phone).size(), "a text beyond the hourly cap");
        assertEquals("sms_code_hourly_limit", SmsAdmin.events(realm.admin(), userId, "LOGIN_ERROR").get(0).getError());
    }

    @Test
    void theTerminalPromptTextsACodeAndAcceptsItOnce() throws Exception {
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-terminal", phone);
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));

        TerminalApi.Reply started = api.start(token, user);
        assertEquals(200, started.status(), started.body().toString());
        String masked = phone.substring(0, 3) + " *** *** " + phone.substring(phone.length() - 2);
        assertTrue(started.text("prompt").contains("A code was sent by text message to " + masked + "."),
                started.body().toString());
        TerminalApi.Reply finished = api.finish(token, started.text("handle"), gateway.lastCodeTo(phone));
        assertEquals(200, finished.status(), finished.body().toString());
        assertEquals("ok", finished.text("result"));

        // Another prompt: the code of the first one is spent, and a wrong answer is refused.
        String spent = gateway.lastCodeTo(phone);
        TerminalApi.Reply again = api.start(token, user);
        TerminalApi.Reply refused = api.finish(token, again.text("handle"), spent);
        assertNotEquals("ok", refused.body().path("result").asText(), refused.body().toString());
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        SmsAdmin.configure(realm.admin(), gateway, Map.of("code-ttl-seconds", "2"));
        String phone = SmsAdmin.newPhone();
        String user = SmsAdmin.userWithPhone(realm.admin(), "sms-expiry", phone);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = gateway.lastCodeTo(phone);
        Thread.sleep(2_500);
        smsCode(code);
        assertFalse(browser.loggedIn());
        assertTrue(browser.pageSource().contains("This code has expired."), browser.pageSource());
        assertEquals("expired_code", SmsAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR")
                .get(0).getError());
    }

    @Test
    void anAttackerWithThePasswordAndAnotherPersonsCodeGetsNothingAndIsLockedOut() {
        RealmLockout.failureFactor(realm.admin(), 3);
        String victimPhone = SmsAdmin.newPhone();
        String victim = SmsAdmin.userWithPhone(realm.admin(), "sms-victim", victimPhone);
        String victimId = TestUsers.id(realm.admin(), victim);
        String attackerPhone = SmsAdmin.newPhone();
        String attacker = SmsAdmin.userWithPhone(realm.admin(), "sms-attacker", attackerPhone);
        try {
            // The attacker's own login texts the attacker a valid code...
            LoginDriver own = new LoginDriver(driver, realm);
            own.open().usernamePassword(attacker, TestUsers.PASSWORD);
            String attackersCode = gateway.lastCodeTo(attackerPhone);

            // ...which is worth nothing in the victim's login, whose code went to the victim's phone only.
            browser.open().usernamePassword(victim, TestUsers.PASSWORD);
            assertEquals(1, gateway.to(victimPhone).size());
            String victimsCode = gateway.lastCodeTo(victimPhone);
            String wrong = attackersCode.equals(victimsCode) ? "000000" : attackersCode;
            smsCode(wrong);
            assertEquals("Invalid code.", browser.text(By.id("input-error-sms-code")));
            smsCode("123456".equals(victimsCode) ? "654321" : "123456");
            smsCode("999999".equals(victimsCode) ? "888888" : "999999");
            Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(victimId);
            assertEquals(Boolean.TRUE, status.get("disabled"), "wrong SMS codes are not counted: " + status);

            smsCode(victimsCode);
            assertFalse(browser.loggedIn(), "a locked-out user got in");
            assertEquals("Invalid code.", browser.text(By.id("input-error-sms-code")));
        } finally {
            realm.admin().attackDetection().clearBruteForceForUser(victimId);
            RealmLockout.failureFactor(realm.admin(), 10);
        }
    }
}
