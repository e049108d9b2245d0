package org.hpcmfa.keycloak.it.registrationtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
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
import org.openqa.selenium.WebElement;

/**
 * Mila's first login end to end: the admin issues a token, the mail arrives, the user logs in to the portal
 * with username and token, must enrol TOTP (Keycloak's own page), gets recovery codes, and from then on the
 * token is dead and the portal takes the TOTP code.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RegistrationTokenJourneyIT {

    static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");

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
    }

    static String tokenIn(MimeMessage message) {
        Matcher m = TOKEN.matcher(Mails.text(message));
        assertTrue(m.find(), "no token in " + Mails.text(message));
        return m.group(1);
    }

    @Test
    void firstLoginWithATokenThenEnrolmentThenTotpOnly() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "rt-journey", "example.org");
        String userId = TestUsers.id(realm.admin(), user);

        // The admin issues; the mail brings the token, its expiry and the portal.
        TokenAdminApi.Reply issued = api.issue(admin.tokenManager().getAccessTokenString(), userId, true);
        assertEquals(200, issued.status(), String.valueOf(issued.body()));
        assertTrue(issued.body().get("emailed").asBoolean());
        assertFalse(issued.body().has("token"), "a mailed token must not be returned");
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        MimeMessage message = mail.getLastReceivedMessage();
        assertEquals("Your registration token for Research Computing MFA (demo)", message.getSubject());
        String token = tokenIn(message);
        assertTrue(Mails.text(message).contains("http://localhost:8080/realms/mfa-demo/account"), Mails.text(message));
        assertTrue(Mails.html(message).contains("<strong>" + token + "</strong>"));

        // Portal: username + token in the password field, the choice of a factor, then Keycloak's TOTP page.
        browser.openPortal().usernamePassword(user, token);
        assertTrue(browser.isPresent(By.id("factor-hpc-push-setup")), "push is offered: " + browser.pageSource());
        browser.chooseFactorIfAsked("CONFIGURE_TOTP");
        assertTrue(browser.isPresent(By.id("kc-totp-settings-form")), browser.pageSource());
        String secret = driver.findElement(By.id("totpSecret")).getAttribute("value");
        driver.findElement(By.id("totp")).sendKeys(TestUsers.totp(secret, 0));
        driver.findElement(By.id("userLabel")).sendKeys("my phone");
        driver.findElement(By.id("saveTOTPBtn")).click();

        // Recovery codes follow (the demo realm enables them), then the suggestion of a second factor.
        assertTrue(browser.isPresent(By.id("kc-recovery-codes-list")), browser.pageSource());
        List<WebElement> codes = driver.findElement(By.id("kc-recovery-codes-list")).findElements(By.tagName("li"));
        assertEquals(8, codes.size(), "the demo realm's count");
        String recoveryCode = codes.get(0).getText().trim();
        driver.findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        driver.findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        assertTrue(browser.text(By.id("enrol-suggest")).contains("enrol a second factor as well"), browser.pageSource());
        driver.findElement(By.id("kc-enrol-finish")).click();
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertNotNull(browser.tokens().get("access_token"));

        List<String> types = realm.admin().users().get(userId).credentials().stream().map(CredentialRepresentation::getType).toList();
        assertTrue(types.containsAll(List.of("otp", "recovery-authn-codes", "registration-token")), types.toString());
        realm.admin().users().get(userId).logout();

        // The token is dead now, with its own message.
        browser.openPortal().usernamePassword(user, token);
        assertTrue(browser.pageSource().contains("This registration token was already used. Ask IT support for a new one."),
                browser.pageSource());

        // The portal takes the TOTP code, and a recovery code once.
        // The enrolment spent the current code: Keycloak refuses it again, and accepts the next period's.
        browser.openPortal().usernamePassword(user, TestUsers.totp(secret, 1));
        assertTrue(browser.loggedIn(), browser.pageSource());
        browser.openPortal().usernamePassword(user, recoveryCode);
        assertTrue(browser.loggedIn(), browser.pageSource());
        browser.openPortal().usernamePassword(user, recoveryCode);
        assertFalse(browser.loggedIn(), "a recovery code worked twice");

        // Events: issued by the admin, used at login, refused afterwards; never the token.
        List<EventRepresentation> events = realm.admin().getEvents(null, null, userId, null, null, null, 0, 200);
        EventRepresentation issuedEvent = events.stream()
                .filter(e -> "issued".equals(e.getDetails() == null ? null : e.getDetails().get("registration_token")))
                .findFirst().orElseThrow(() -> new AssertionError("no issue event"));
        assertEquals("UPDATE_CREDENTIAL", issuedEvent.getType());
        assertNotNull(issuedEvent.getDetails().get("issued_by"));
        assertTrue(events.stream().anyMatch(e -> "UPDATE_CREDENTIAL".equals(e.getType())
                && "used".equals(e.getDetails().get("registration_token"))), "no event for the token's use");
        assertTrue(events.stream().anyMatch(e -> "LOGIN".equals(e.getType())), "no login event");
        assertTrue(events.stream().anyMatch(e -> "registration_token_already_used".equals(e.getError())));
        for (EventRepresentation event : events) {
            String json = JsonSerialization.writeValueAsString(event);
            assertFalse(json.contains(token) || json.contains(token.replace("-", "")), "token leaked into " + event.getType());
        }
    }

    @Test
    void firstLoginWithATokenThenPushEnrolment() throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "rt-push", "example.org");
        String userId = TestUsers.id(realm.admin(), user);
        TokenAdminApi.Reply issued = api.issue(admin.tokenManager().getAccessTokenString(), userId, false);
        browser.openPortal().usernamePassword(user, issued.body().get("token").asText());
        browser.chooseFactorIfAsked("hpc-push-setup");
        PrivacyIdeaApp phone = PrivacyIdeaApp.scan(browser.text(By.id("push-enrol-uri")));
        assertEquals(200, phone.rollout().status());
        // The page notices the phone by itself; recovery codes and the suggestion follow as for TOTP.
        assertTrue(waitFor(() -> browser.isPresent(By.id("kc-recovery-codes-list"))), browser.pageSource());
        driver.findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        driver.findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        driver.findElement(By.id("kc-enrol-finish")).click();
        assertTrue(browser.loggedIn(), browser.pageSource());
        List<String> types = realm.admin().users().get(userId).credentials().stream().map(CredentialRepresentation::getType).toList();
        assertTrue(types.contains("hpc-push"), types.toString());
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Test
    void emailCodesAreRefusedOnThePortal() {
        String user = TestUsers.create(realm.admin(), "rt-portal-email", "example.org", true);
        browser.openPortal().usernamePassword(user, TestUsers.PASSWORD);
        assertFalse(browser.loggedIn());
        assertFalse(browser.onEmailCodePage(), "the portal offered an email code");
        assertTrue(browser.pageSource().contains("Invalid username or password."), browser.pageSource());
    }
}
