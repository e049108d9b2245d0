package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The University of Toronto private cloud (seed 004): enrol TOTP by scanning the QR code with any authenticator
 * app, receive 8 recovery codes and save them as a text file, verify the set-up with a code; later, disable MFA.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TorontoCloudJourneyIT extends BrowserJourney {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    /** The cloud portal: password, then TOTP or a recovery code once enabled (flow cloud-login, no email codes). */
    static final String CLOUD = "cloud-portal";

    @Override
    ManagedRealm realm() {
        return realm;
    }

    /** The user's password, then the TOTP set-up from the QR code, the recovery codes saved as a file. */
    AuthenticatorApp enrolTotpWithRecoveryCodes(String user, List<String> savedCodes) throws Exception {
        String id = TestUsers.id(realm.admin(), user);
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_TOTP")); // the recovery codes follow every enrolment
        realm.admin().users().get(id).update(rep);

        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        chromium.waitFor(By.id("kc-totp-secret-qr-code"));
        AuthenticatorApp app = AuthenticatorApp.scanQrCode(
                chromium.driver().findElement(By.id("kc-totp-secret-qr-code")).getAttribute("src"));
        assertTrue(app.label().contains(user), "the QR code names the account: " + app.label());
        // "Enter the 6-digit code to verify enrolment was successful."
        chromium.driver().findElement(By.id("totp")).sendKeys(app.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys("Authy");
        chromium.driver().findElement(By.id("saveTOTPBtn")).click();

        chromium.waitFor(By.id("kc-recovery-codes-list"));
        List<String> shown = chromium.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).stream()
                .map(WebElement::getText).map(t -> t.replaceAll("^\\d+:\\s*", "").trim()).toList();
        // The demo realm's count is Toronto's: 8 (a setting of the "Recovery codes" required action).
        assertEquals(8, shown.size(), shown.toString());
        // "Would you like to save the codes into a text file?" The page's Download button.
        chromium.driver().findElement(By.id("downloadRecoveryCodes")).click();
        Path file = chromium.downloads().resolve(user + "_mfa-demo_recovery_codes.txt");
        chromium.waitUntil("the recovery codes file in the downloads folder", () -> Files.exists(file));
        String saved = Files.readString(file);
        for (String code : shown) {
            assertTrue(saved.contains(code), code + " missing from the downloaded file:\n" + saved);
        }
        savedCodes.addAll(shown);
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        chromium.driver().findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        chromium.waitUntil("logged in to the cloud portal", browser::loggedIn);
        return app;
    }

    @Test
    void totpFromTheQrCodeRecoveryCodesAsATextFileAndAVerifiedSetUp() throws Exception {
        String user = TestUsers.create(realm.admin(), "uoft", "utoronto.ca", true);
        List<String> codes = new java.util.ArrayList<>();
        AuthenticatorApp app = enrolTotpWithRecoveryCodes(user, codes);

        // The next login asks for the code, which the app computes.
        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
        browser.totp(app.freshCode());
        assertTrue(browser.loggedIn(), browser.pageSource());

        // Without the phone, a recovery code from the file opens the account once: any of them, here the sixth.
        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        browser.tryAnotherWay("Recovery");
        chromium.waitFor(By.id("recoveryCodeInput"));
        chromium.driver().findElement(By.id("recoveryCodeInput")).sendKeys(codes.get(5));
        chromium.driver().findElement(By.id("kc-login")).click();
        chromium.waitUntil("a recovery code logs in", browser::loggedIn);
    }

    @Test
    void disableMfaAfterReenteringCredentialsWithAMailedLinkValidForFifteenMinutes() throws Exception {
        String user = TestUsers.create(realm.admin(), "uoft-rm", "utoronto.ca", true);
        AuthenticatorApp app = enrolTotpWithRecoveryCodes(user, new java.util.ArrayList<>());
        mail.runCleanup();

        // "vss-cli account set mfa rm": the portal's Disable button; Keycloak asks for the credentials again.
        // Keycloak counts a login of this very second as fresh (whole seconds): a person clicks later than that.
        Thread.sleep(1100);
        browser.driver().open(new org.hpcmfa.keycloak.it.BrowserLogin(realm.getBaseUrl(), CLOUD, realm.getBaseUrl() + "/")
                .authorizationUrl(Map.of("kc_action", "hpc-disable-mfa")));
        chromium.waitFor(By.id("password"));
        if (!chromium.driver().findElements(By.id("username")).isEmpty()
                && chromium.driver().findElement(By.id("username")).isEnabled()) {
            chromium.driver().findElement(By.id("username")).sendKeys(user);
        }
        chromium.driver().findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.submit(chromium.driver().findElement(By.id("kc-login")));
        browser.totp(app.freshCode());

        // The request page names what goes; "Send confirmation email"; "message: Confirmation email sent."
        chromium.waitFor(By.id("kc-disable-mfa-send"));
        assertTrue(browser.text(By.id("disable-mfa-factors")).contains("Authy"), browser.pageSource());
        assertTrue(browser.text(By.id("disable-mfa-email")).contains("valid for 15 minutes"), browser.pageSource());
        browser.submit(chromium.driver().findElement(By.id("kc-disable-mfa-send")));
        assertTrue(browser.text(By.id("disable-mfa-sent")).contains("Confirmation email sent to " + user + "@utoronto.ca"),
                browser.pageSource());
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no confirmation email");
        String link = Mails.text(mail.getLastReceivedMessage())
                .replaceAll("(?s).*?(http://\\S+/login-actions/action-token\\?key=\\S+).*", "$1");
        assertTrue(link.startsWith("http://"), Mails.text(mail.getLastReceivedMessage()));
        browser.submit(chromium.driver().findElement(By.id("kc-disable-mfa-continue")));
        assertTrue(chromium.driver().getCurrentUrl().contains("kc_action_status=success"), chromium.driver().getCurrentUrl());
        assertTrue(types(user).contains("otp"), "nothing changes before the link is used");

        // The link from the mail, then the confirmation: "TOTP has been disabled".
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(link);
        chromium.waitFor(By.id("kc-disable-mfa-confirm"));
        assertTrue(types(user).contains("otp"), "opening the link alone removed a factor");
        browser.submit(chromium.driver().findElement(By.id("kc-disable-mfa-confirm")));
        assertTrue(browser.text(By.id("disable-mfa-done")).contains("disabled"), browser.pageSource());
        assertFalse(types(user).contains("otp") || types(user).contains("recovery-authn-codes"), types(user).toString());

        // From now on the password alone; the link is spent.
        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.loggedIn(), "password only after disabling: " + browser.pageSource());
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(link);
        chromium.waitUntil("the spent link's message",
                () -> chromium.driver().getPageSource().contains("This confirmation link was already used."));
    }

    private List<String> types(String user) {
        return realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .map(org.keycloak.representations.idm.CredentialRepresentation::getType).toList();
    }
}
