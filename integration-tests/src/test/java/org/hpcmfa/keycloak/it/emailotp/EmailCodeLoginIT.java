package org.hpcmfa.keycloak.it.emailotp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
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
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/** A person logs in to the demo portal with a code from a real mail, and what goes wrong on the way. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class EmailCodeLoginIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;

    @BeforeEach
    void demoSettings() {
        EmailCodeAdmin.configure(realm.admin(), Map.of());
        EmailCodeAdmin.allowFastRetries(realm.admin());
        browser = new LoginDriver(driver, realm);
    }

    private MimeMessage onlyMailTo(String username) {
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no mail arrived");
        List<MimeMessage> toUser = List.of(mail.getReceivedMessages()).stream()
                .filter(m -> recipient(m).startsWith(username + "@")).toList();
        assertEquals(1, toUser.size(), "mails to " + username);
        return toUser.get(0);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fullLoginWithTheCodeFromTheMail() throws Exception {
        String user = TestUsers.create(realm.admin(), "ec-full", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);

        assertTrue(browser.onEmailCodePage() && browser.hasCodeInput(), browser.pageSource());
        assertTrue(browser.text(By.id("email-otp-instruction")).contains("6-digit code"));
        MimeMessage message = onlyMailTo(user);
        assertEquals("Your login code for Research Computing MFA (demo)", message.getSubject());
        String code = Mails.code(message);
        assertTrue(Mails.html(message).contains("<strong>" + code + "</strong>"), "HTML part with the code");

        browser.emailCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
        JsonNode tokens = browser.tokens();
        assertNotNull(tokens.get("access_token"));

        // Events: one code mail, no code in any event detail.
        String userId = TestUsers.id(realm.admin(), user);
        List<EventRepresentation> sent = EmailCodeAdmin.events(realm.admin(), userId, "SEND_VERIFY_EMAIL");
        assertEquals(1, sent.size());
        assertEquals("hpc-email-otp", sent.get(0).getDetails().get("credential_type"));
        for (EventRepresentation event : EmailCodeAdmin.events(realm.admin(), userId)) {
            assertFalse(JsonSerialization.writeValueAsString(event).contains(code), "code leaked into " + event.getType());
        }

        // The Account Console lists email codes as a second factor of this user.
        HttpResponse<String> credentials = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/account/credentials"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText())
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, credentials.statusCode(), credentials.body());
        JsonNode emailType = null;
        for (JsonNode type : JsonSerialization.readValue(credentials.body(), JsonNode.class)) {
            if ("hpc-email-otp".equals(type.get("type").asText())) {
                emailType = type;
            }
        }
        assertNotNull(emailType, "Account Console does not list email codes: " + credentials.body());
        assertEquals("two-factor", emailType.get("category").asText());
        assertFalse(emailType.get("userCredentialMetadatas").isEmpty(), "email code not shown as set up");
    }

    @Test
    void wrongCodeIsRefusedThenTheRightOneWorks() {
        String user = TestUsers.create(realm.admin(), "ec-wrong", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = Mails.code(onlyMailTo(user));
        String wrong = code.equals("000000") ? "111111" : "000000";

        browser.emailCode(wrong);
        assertEquals("Invalid code.", browser.text(By.id("input-error-email-code")));
        List<EventRepresentation> errors = EmailCodeAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR");
        assertEquals("invalid_user_credentials", errors.get(0).getError());

        browser.emailCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void anEmptyCodeIsAskedAgainAndNeverCountedAsAFailure() {
        // One wrong try kills the code: if an empty answer counted, the right code would no longer work.
        EmailCodeAdmin.configure(realm.admin(), Map.of("max-attempts", "1"));
        String user = TestUsers.create(realm.admin(), "ec-empty", "example.org", true);
        String userId = TestUsers.id(realm.admin(), user);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = Mails.code(onlyMailTo(user));

        for (String empty : List.of("", "  ", " - ")) {
            browser.emailCode(empty);
            assertFalse(browser.loggedIn());
            assertEquals("Enter the code from the email.", browser.text(By.id("input-error-email-code")));
        }
        assertTrue(EmailCodeAdmin.events(realm.admin(), userId, "LOGIN_ERROR").isEmpty(), "no failure event");
        assertEquals(0, ((Number) realm.admin().attackDetection().bruteForceUserStatus(userId)
                .getOrDefault("numFailures", 0)).intValue(), "the brute-force counter is unchanged");

        browser.emailCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void anExpiredCodeIsRefusedWithItsOwnMessage() throws Exception {
        EmailCodeAdmin.configure(realm.admin(), Map.of("code-ttl-seconds", "2"));
        String user = TestUsers.create(realm.admin(), "ec-expired", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = Mails.code(onlyMailTo(user));

        Thread.sleep(2_500);
        browser.emailCode(code);
        assertTrue(browser.pageSource().contains("This code has expired. Request a new code."), browser.pageSource());
        assertFalse(browser.loggedIn());
    }

    @Test
    void reloadingAndGoingBackNeverSendAnotherMail() throws Exception {
        String user = TestUsers.create(realm.admin(), "ec-reload", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = Mails.code(onlyMailTo(user));

        browser.refresh();
        browser.refresh();
        browser.back();
        browser.driver().driver().navigate().forward();
        Thread.sleep(1_000);
        assertEquals(1, mail.getReceivedMessages().length, "a reload sent another mail");
        assertTrue(browser.onEmailCodePage(), browser.pageSource());

        browser.emailCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void codeIsDeadAfterTooManyWrongTriesUntilANewOneIsSent() {
        EmailCodeAdmin.configure(realm.admin(), Map.of("max-attempts", "3", "resend-cooldown-seconds", "0"));
        String user = TestUsers.create(realm.admin(), "ec-dead", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        String code = Mails.code(onlyMailTo(user));
        String wrong = code.equals("000000") ? "111111" : "000000";

        browser.emailCode(wrong).emailCode(wrong);
        assertEquals("Invalid code.", browser.text(By.id("input-error-email-code")));
        browser.emailCode(wrong);
        String dead = "Too many wrong codes: this code no longer works. Request a new code.";
        assertTrue(browser.pageSource().contains(dead), browser.pageSource());

        browser.emailCode(code);
        assertTrue(browser.pageSource().contains(dead), "the right code must not revive a dead one");
        assertFalse(browser.loggedIn());

        mail.runCleanup();
        browser.resendIgnoringCountdown();
        assertTrue(browser.pageSource().contains("A new code is on its way."), browser.pageSource());
        browser.emailCode(Mails.code(onlyMailTo(user)));
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void unreachableMailServerShowsAnErrorAndTheLoginSurvivesUntilItIsBack() {
        String user = TestUsers.create(realm.admin(), "ec-smtp", "example.org", true);
        EmailCodeAdmin.smtpPort(realm.admin(), 3026);
        try {
            browser.open().usernamePassword(user, TestUsers.PASSWORD);
            assertTrue(browser.pageSource().contains("The email with your code could not be sent."), browser.pageSource());
            assertFalse(browser.hasCodeInput());
            List<EventRepresentation> failed = EmailCodeAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user),
                    "SEND_VERIFY_EMAIL_ERROR");
            assertEquals("email_send_failed", failed.get(0).getError());
            browser.refresh();
            assertTrue(browser.pageSource().contains("The email with your code could not be sent."), "reload keeps the message");
        } finally {
            EmailCodeAdmin.smtpPort(realm.admin(), 3025);
        }
        browser.resendIgnoringCountdown();
        browser.emailCode(Mails.code(onlyMailTo(user)));
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void pageAndMailSpeakTheUsersLanguage() throws Exception {
        String user = TestUsers.create(realm.admin(), "ec-fr", "example.org", true);
        browser.open(Map.of("ui_locales", "fr")).usernamePassword(user, TestUsers.PASSWORD);

        assertEquals("Code par e-mail", browser.text(By.id("kc-page-title")));
        MimeMessage message = onlyMailTo(user);
        assertEquals("Votre code de connexion pour Research Computing MFA (demo)", message.getSubject());
        String code = Mails.code(message);
        assertTrue(Mails.text(message).startsWith("Votre code de connexion"), Mails.text(message));
        assertTrue(Mails.text(message).contains("valable 10 minutes"));
        assertTrue(Mails.html(message).contains("<strong>" + code + "</strong>"));
        assertTrue(Mails.html(message).contains("connaît peut-être votre mot de passe"), Mails.html(message));

        browser.emailCode(code);
        assertTrue(browser.loggedIn(), browser.pageSource());
    }
}
