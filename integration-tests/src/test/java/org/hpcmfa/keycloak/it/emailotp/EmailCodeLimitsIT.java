package org.hpcmfa.keycloak.it.emailotp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openqa.selenium.By;

/** Resend cooldown, hourly cap, brute-force lockout, and who is offered email codes at all. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class EmailCodeLimitsIT {

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

    private long mailsTo(String username) {
        return List.of(mail.getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().startsWith(username + "@");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private String lastCodeTo(String username) {
        MimeMessage[] all = mail.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            try {
                if (all[i].getAllRecipients()[0].toString().startsWith(username + "@")) {
                    return Mails.code(all[i]);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no mail to " + username);
    }

    private static int secondsIn(String text) {
        Matcher m = Pattern.compile("(\\d+) s").matcher(text);
        assertTrue(m.find(), text);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void resendWaitsForTheCooldownWhichThePageCountsDown() throws Exception {
        String user = TestUsers.create(realm.admin(), "ec-cooldown", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(mail.waitForIncomingEmail(10_000, 1));

        int shown = secondsIn(browser.text(By.id("email-otp-cooldown")));
        assertTrue(shown > 25 && shown <= 30, "cooldown shown: " + shown);
        assertFalse(browser.driver().findElement(By.id("email-otp-resend")).isEnabled(), "button enabled during cooldown");
        Thread.sleep(2_500);
        int later = secondsIn(browser.text(By.id("email-otp-cooldown")));
        assertTrue(later <= shown - 2, "the page does not count down: " + shown + " then " + later);

        browser.resendIgnoringCountdown();
        assertTrue(browser.pageSource().contains("A code was sent moments ago."), browser.pageSource());
        assertEquals(1, mailsTo(user), "a resend inside the cooldown sent mail");
        List<EventRepresentation> refused = EmailCodeAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user),
                "SEND_VERIFY_EMAIL_ERROR");
        assertEquals("email_code_resend_cooldown", refused.get(0).getError());
    }

    @Test
    void hourlyCapHoldsAcrossLogins() throws Exception {
        EmailCodeAdmin.configure(realm.admin(), Map.of("resend-cooldown-seconds", "0", "max-mails-per-hour", "3"));
        String user = TestUsers.create(realm.admin(), "ec-hourly", "example.org", true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        browser.resendIgnoringCountdown();
        browser.resendIgnoringCountdown();
        assertEquals(3, mailsTo(user));

        browser.resendIgnoringCountdown();
        String limit = "Too many codes were sent to your address in the last hour.";
        assertTrue(browser.pageSource().contains(limit), browser.pageSource());
        assertEquals(3, mailsTo(user));
        String stillValid = lastCodeTo(user);

        // A brand-new login of the same user: the cap still holds and no code is issued.
        LoginDriver second = new LoginDriver(driver, realm);
        second.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(second.pageSource().contains(limit), second.pageSource());
        assertFalse(second.hasCodeInput());
        assertEquals(3, mailsTo(user));
        List<EventRepresentation> refused = EmailCodeAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user),
                "SEND_VERIFY_EMAIL_ERROR");
        assertEquals("email_code_hourly_limit", refused.get(0).getError());
        assertTrue(stillValid.matches("\\d{6}"));
    }

    @Test
    void wrongCodesLockTheUserOutAtTheRealmsLimit() {
        EmailCodeAdmin.configure(realm.admin(), Map.of("max-attempts", "10"));
        EmailCodeAdmin.failureFactor(realm.admin(), 3);
        String user = TestUsers.create(realm.admin(), "ec-lockout", "example.org", true);
        String userId = TestUsers.id(realm.admin(), user);
        try {
            browser.open().usernamePassword(user, TestUsers.PASSWORD);
            String code = lastCodeAfterWait(user);
            String wrong = code.equals("000000") ? "111111" : "000000";
            browser.emailCode(wrong).emailCode(wrong).emailCode(wrong);

            Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
            assertEquals(Boolean.TRUE, status.get("disabled"), "not locked out: " + status);
            assertEquals(3, ((Number) status.get("numFailures")).intValue());

            browser.emailCode(code);
            assertFalse(browser.loggedIn(), "a locked-out user got in");
            assertEquals("Invalid code.", browser.text(By.id("input-error-email-code")));
        } finally {
            realm.admin().attackDetection().clearBruteForceForUser(userId);
            EmailCodeAdmin.failureFactor(realm.admin(), 10);
        }
    }

    private String lastCodeAfterWait(String user) {
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        return lastCodeTo(user);
    }

    @Test
    void usersWithoutAVerifiedAddressAreNotOfferedEmailCodes() {
        // Has TOTP: the flow goes to the TOTP form, the alternative, and sends no mail.
        String withTotp = TestUsers.create(realm.admin(), "ec-unverified-totp", "example.org", false, true);
        browser.open().usernamePassword(withTotp, TestUsers.PASSWORD);
        assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
        assertFalse(browser.onEmailCodePage());
        browser.totp(TestUsers.totpNow());
        assertTrue(browser.loggedIn(), browser.pageSource());

        // Has nothing: "Condition - user configured" is false, the second-factor step is skipped.
        String bare = TestUsers.create(realm.admin(), "ec-unverified", "example.org", false);
        browser.open().usernamePassword(bare, TestUsers.PASSWORD);
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertEquals(0, mailsTo(withTotp) + mailsTo(bare));
    }

    @Test
    void unverifiedAddressesAreAcceptedWhenTheAdminAllowsThem() {
        EmailCodeAdmin.configure(realm.admin(), Map.of("allow-unverified-email", "true"));
        String user = TestUsers.create(realm.admin(), "ec-allowed-unverified", "example.org", false);
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.onEmailCodePage(), browser.pageSource());
        browser.emailCode(lastCodeAfterWait(user));
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    @Test
    void codesGoOnlyToAllowedDomains() {
        EmailCodeAdmin.configure(realm.admin(), Map.of("allowed-domains", "mila.quebec##*.kuleuven.be"));
        String outside = TestUsers.create(realm.admin(), "ec-outside", "example.org", true);
        browser.open().usernamePassword(outside, TestUsers.PASSWORD);
        assertFalse(browser.onEmailCodePage(), "code offered to an address outside the allowed domains");
        assertEquals(0, mailsTo(outside));

        String inside = TestUsers.create(realm.admin(), "ec-inside", "student.kuleuven.be", true);
        browser.open().usernamePassword(inside, TestUsers.PASSWORD);
        assertTrue(browser.onEmailCodePage(), browser.pageSource());
        browser.emailCode(lastCodeAfterWait(inside));
        assertTrue(browser.loggedIn(), browser.pageSource());
    }
}
