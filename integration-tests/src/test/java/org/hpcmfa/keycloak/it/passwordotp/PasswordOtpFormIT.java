package org.hpcmfa.keycloak.it.passwordotp;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.TokenVerifier;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * UCLouvain CISM's one-page login (flow cism-login, client cism-jupyterlab): username, password and "OTP
 * (optional)"; a user with an authenticator app must give its code, and every wrong answer looks the same.
 */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PasswordOtpFormIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    CismForm cism;

    @BeforeEach
    void setUp() {
        cism = new CismForm(driver, realm);
        PasswordOtpAdmin.allowFastRetries(realm.admin());
        PasswordOtpAdmin.configure(realm.admin(), Map.of());
    }

    private String userWithTotp(String prefix) {
        return TestUsers.create(realm.admin(), prefix, "example.org", false, true);
    }

    private String id(String username) {
        return TestUsers.id(realm.admin(), username);
    }

    private EventRepresentation lastEvent(String username, String type) {
        List<EventRepresentation> events = PasswordOtpAdmin.events(realm.admin(), id(username), type);
        assertFalse(events.isEmpty(), "no " + type + " event for " + username);
        return events.get(0);
    }

    @Test
    void aUserWithTotpLogsInWithPasswordAndCodeOnOnePage() throws Exception {
        String user = userWithTotp("po-ok");
        cism.open();
        assertEquals("OTP (optional)", cism.browser().text(By.cssSelector("label[for=otp]")));
        assertTrue(cism.browser().isPresent(By.id("password")), "password and OTP are on the same page");

        cism.submit(user, TestUsers.PASSWORD, TestUsers.totpNow());
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());
        AccessToken token = TokenVerifier.create(cism.browser().tokens().get("access_token").asText(), AccessToken.class).getToken();
        assertEquals(user, token.getPreferredUsername());
        assertEquals(CismForm.CLIENT, token.getIssuedFor());
        EventRepresentation login = lastEvent(user, "LOGIN");
        assertEquals("otp", login.getDetails().get("credential_type"));
        assertEquals("verified", login.getDetails().get("hpc_otp"));
    }

    @Test
    void aUserSetsUpTotpFromTheQrCodeAndFromThenOnNeedsTheCode() {
        String user = TestUsers.create(realm.admin(), "po-setup", "example.org", false, false);
        // The user guide's step: the application's "set up an authenticator app" link asks Keycloak for its action.
        cism.open(Map.of("kc_action", "CONFIGURE_TOTP")).submit(user, TestUsers.PASSWORD, "");
        assertTrue(cism.browser().isPresent(By.id("kc-totp-settings-form")), cism.browser().pageSource());
        assertTrue(cism.browser().isPresent(By.id("kc-totp-secret-qr-code")), "the QR code to scan");
        String secret = driver.findElement(By.id("totpSecret")).getAttribute("value");
        driver.findElement(By.id("totp")).sendKeys(TestUsers.totp(secret, 0));
        driver.findElement(By.id("userLabel")).sendKeys("my phone");
        driver.findElement(By.id("saveTOTPBtn")).click();
        List<String> recoveryCodes = cism.browser().keepRecoveryCodesIfShown();
        assertEquals(8, recoveryCodes.size(), "recovery codes follow the enrolment");
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());

        cism.open().submit(user, TestUsers.PASSWORD, "");
        assertEquals(CismForm.CODE_MISSING, cism.otpError(), "from now on the code is required");
        // The set-up spent the current code; Keycloak accepts the next period's.
        cism.submit(user, TestUsers.PASSWORD, TestUsers.totp(secret, 1));
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());

        // Without the phone: one of the recovery codes in the OTP field, any of them, once.
        cism.open().submit(user, TestUsers.PASSWORD, recoveryCodes.get(4));
        assertTrue(cism.browser().loggedIn(), "a recovery code in the OTP field: " + cism.browser().pageSource());
        cism.open().submit(user, TestUsers.PASSWORD, recoveryCodes.get(4));
        assertFalse(cism.browser().loggedIn(), "the same code twice");
    }

    @Test
    void aMissingCodeIsAskedForWithoutCountingAFailure() {
        String user = userWithTotp("po-missing");
        cism.open().submit(user, TestUsers.PASSWORD, "");
        assertFalse(cism.browser().loggedIn());
        assertEquals(CismForm.CODE_MISSING, cism.otpError());
        assertEquals("", cism.credentialsError());
        assertEquals(user, driver.findElement(By.id("username")).getAttribute("value"), "the username is kept");
        assertEquals(0, PasswordOtpAdmin.failures(realm.admin(), id(user)), "no guess, no failure");
        assertEquals("password_otp_code_missing", lastEvent(user, "LOGIN_ERROR").getError());

        cism.submit(user, TestUsers.PASSWORD, TestUsers.totpNow());
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());
    }

    @Test
    void aWrongPasswordAndAWrongCodeGetTheSameAnswerAndBothCount() {
        String user = userWithTotp("po-same");
        // The code of 50 minutes from now: a real code of the user, far outside any window or skew hint.
        String wrongCode = TestUsers.totp(TestUsers.TOTP_SECRET, 100);

        cism.open().submit(user, "not-the-password", TestUsers.totpNow());
        String afterWrongPassword = cism.credentialsError();
        String otpFieldAfterWrongPassword = cism.otpError();
        cism.submit(user, TestUsers.PASSWORD, wrongCode);
        String afterWrongCode = cism.credentialsError();

        assertEquals(CismForm.INVALID, afterWrongPassword);
        assertEquals(afterWrongPassword, afterWrongCode, "the answer must not tell which of the two was wrong");
        assertEquals(otpFieldAfterWrongPassword, cism.otpError());
        assertEquals("", cism.otpError());
        assertFalse(cism.browser().loggedIn());
        assertEquals(2, PasswordOtpAdmin.failures(realm.admin(), id(user)), "both are failed logins");
        assertEquals("invalid_user_credentials", lastEvent(user, "LOGIN_ERROR").getError());
    }

    @Test
    void aLockedUserGetsTheSameAnswerEvenWithTheRightPasswordAndCode() {
        String user = userWithTotp("po-locked");
        String userId = id(user);
        PasswordOtpAdmin.failureFactor(realm.admin(), 3);
        try {
            cism.open();
            for (int i = 0; i < 3; i++) {
                cism.submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 100 + i));
                assertEquals(CismForm.INVALID, cism.credentialsError());
            }
            assertTrue(PasswordOtpAdmin.locked(realm.admin(), userId), "locked after the realm's failure factor");
            assertEquals(3, PasswordOtpAdmin.failures(realm.admin(), userId));

            cism.submit(user, TestUsers.PASSWORD, TestUsers.totpNow());
            assertFalse(cism.browser().loggedIn(), "a locked user got in");
            assertEquals(CismForm.INVALID, cism.credentialsError(), "locked: the same answer as a wrong code");
            assertEquals("user_temporarily_disabled", lastEvent(user, "LOGIN_ERROR").getError());
        } finally {
            realm.admin().attackDetection().clearBruteForceForUser(userId);
            PasswordOtpAdmin.failureFactor(realm.admin(), 10);
        }
    }

    @Test
    void aUserWithoutTotpLeavesTheFieldEmptyAndATypedCodeIsIgnored() throws Exception {
        String user = TestUsers.create(realm.admin(), "po-nototp", "example.org", false, false);
        cism.open().submit(user, TestUsers.PASSWORD, "");
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());
        assertEquals("not_enrolled", lastEvent(user, "LOGIN").getDetails().get("hpc_otp"));

        cism.open().submit(user, TestUsers.PASSWORD, "123456");
        assertTrue(cism.browser().loggedIn(), "the optional field proves nothing for a user without OTP");
        assertEquals("ignored_not_enrolled", lastEvent(user, "LOGIN").getDetails().get("hpc_otp"));

        cism.open().submit(user, "not-the-password", "");
        assertEquals(CismForm.INVALID, cism.credentialsError());
    }

    @Test
    void aCodeFromAPhoneFiveMinutesBehindGetsTheClockMessageAndCounts() {
        String user = userWithTotp("po-skew");
        cism.open().submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, -10));
        assertFalse(cism.browser().loggedIn());
        assertTrue(cism.otpError().contains("Your phone's clock seems to be off by about 5 minutes: set it to "
                + "automatic time synchronization and try again."), cism.browser().pageSource());
        assertEquals("", cism.credentialsError());
        assertEquals(1, PasswordOtpAdmin.failures(realm.admin(), id(user)), "still a failed login");
        EventRepresentation refused = lastEvent(user, "LOGIN_ERROR");
        assertEquals("invalid_user_credentials", refused.getError());
        // 300 s, or 270 s when a 30-second period ended between making the code and checking it.
        assertTrue(Set.of("-300", "-330").contains(refused.getDetails().get("totp_clock_skew_seconds")),
                String.valueOf(refused.getDetails()));

        cism.submit(user, TestUsers.PASSWORD, TestUsers.totpNow());
        assertTrue(cism.browser().loggedIn(), "with the right time the code works");
    }

    @Test
    void aPhoneBehindIsReportedAndTheHintCanBeSwitchedOff() {
        String user = userWithTotp("po-behind");
        cism.open().submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, -14));
        assertTrue(cism.otpError().contains("off by about 7 minutes"), cism.browser().pageSource());

        PasswordOtpAdmin.configure(realm.admin(), Map.of("totp-clock-skew-hint", "false"));
        cism.submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, -14));
        assertEquals("", cism.otpError(), "hint off: a plain refusal");
        assertEquals(CismForm.INVALID, cism.credentialsError());

        PasswordOtpAdmin.configure(realm.admin(), Map.of("totp-clock-skew-max-seconds", "300"));
        cism.submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, -14));
        assertEquals(CismForm.INVALID, cism.credentialsError(), "7 minutes are beyond a 5-minute maximum");
        assertEquals(3, PasswordOtpAdmin.failures(realm.admin(), id(user)));
    }

    @Test
    void aCodeOfTheFutureIsRefusedExactlyLikeAWrongCodeSoAGuesserLearnsNothing() {
        String user = userWithTotp("po-future");
        // A real code of the user, 5 minutes ahead: it will be valid then, so the hint must not confirm it.
        cism.open().submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 10));
        assertFalse(cism.browser().loggedIn());
        assertEquals("", cism.otpError(), "no clock hint for a code of the future");
        assertEquals(CismForm.INVALID, cism.credentialsError());
        EventRepresentation future = lastEvent(user, "LOGIN_ERROR");
        assertFalse(future.getDetails() != null && future.getDetails().containsKey("totp_clock_skew_seconds"),
                String.valueOf(future.getDetails()));

        // The same page and event as for a code that is simply wrong.
        String wrong = TestUsers.totp(TestUsers.TOTP_SECRET, 100);
        cism.submit(user, TestUsers.PASSWORD, wrong);
        assertEquals("", cism.otpError());
        assertEquals(CismForm.INVALID, cism.credentialsError());
        assertEquals(2, PasswordOtpAdmin.failures(realm.admin(), id(user)), "both count as failed logins");
    }

    @Test
    void withoutRequiredOtpAUserWithTotpMayUseThePasswordAloneButAWrongCodeStillFails() {
        PasswordOtpAdmin.configure(realm.admin(), Map.of("require-otp", "false"));
        String user = userWithTotp("po-optional");
        cism.open().submit(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 100));
        assertEquals(CismForm.INVALID, cism.credentialsError(), "a typed code is still checked");
        cism.submit(user, TestUsers.PASSWORD, "");
        assertTrue(cism.browser().loggedIn(), cism.browser().pageSource());
        assertEquals("skipped_not_required", lastEvent(user, "LOGIN").getDetails().get("hpc_otp"));
    }

    @Test
    void theSessionRecordsTheCodeSoTheSshCaSeesASecondFactor() throws Exception {
        SshSigning ssh = new SshSigning(realm);
        ssh.allow(CismForm.CLIENT);
        try {
            String withTotp = userWithTotp("po-ssh");
            cism.open().submit(withTotp, TestUsers.PASSWORD, TestUsers.totpNow());
            JsonNode signed = ssh.sign(cism.browser().tokens().get("access_token").asText());
            assertTrue(signed.has("certificate"), "password + code is MFA for the SSH CA: " + signed);

            String passwordOnly = TestUsers.create(realm.admin(), "po-ssh-pwd", "example.org", false, false);
            cism.open().submit(passwordOnly, TestUsers.PASSWORD, "");
            JsonNode refused = ssh.sign(cism.browser().tokens().get("access_token").asText());
            assertEquals("mfa_required", refused.path("error").asText(), refused.toString());
        } finally {
            ssh.restore();
        }
    }

    @Test
    void thePageRendersWithTheStructureOfEachLoginTheme() {
        String user = userWithTotp("po-themes");
        Map<String, String> inputClass = Map.of("keycloak", "pf-c-form-control", "keycloak.v2", "pf-v5-c-form-control",
                "hpc-mfa", "pf-v5-c-form-control");
        try {
            for (Map.Entry<String, String> theme : inputClass.entrySet()) {
                ThemeSwitch.loginTheme(realm.admin(), theme.getKey(), true);
                cism.open();
                for (String id : List.of("kc-form-login", "username", "password", "otp", "otp-help", "rememberMe", "kc-login")) {
                    assertTrue(cism.browser().isPresent(By.id(id)), theme.getKey() + ": no #" + id);
                }
                assertEquals("OTP (optional)", cism.browser().text(By.cssSelector("label[for=otp]")), theme.getKey());
                String otpBox = theme.getKey().equals("keycloak")
                        ? driver.findElement(By.id("otp")).getAttribute("class")
                        : driver.findElement(By.cssSelector("#otp")).findElement(By.xpath("..")).getAttribute("class");
                assertTrue(otpBox.contains(theme.getValue()), theme.getKey() + " styles the field like its login page: " + otpBox);
                cism.submit(user, "not-the-password", "");
                assertEquals(CismForm.INVALID, cism.credentialsError(), theme.getKey());
            }
        } finally {
            ThemeSwitch.loginTheme(realm.admin(), "hpc-mfa", false);
            realm.admin().attackDetection().clearBruteForceForUser(id(user));
        }
    }
}
