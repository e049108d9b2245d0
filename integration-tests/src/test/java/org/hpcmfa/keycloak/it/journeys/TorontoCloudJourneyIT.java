package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * app, receive recovery codes and save them as a text file, verify the set-up with a code; later, disable MFA.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TorontoCloudJourneyIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    Chromium chromium;
    LoginDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        browser = new LoginDriver(chromium.managed(), realm);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        chromium.close();
    }

    /** The user's password, then the TOTP set-up from the QR code, the recovery codes saved as a file. */
    AuthenticatorApp enrolTotpWithRecoveryCodes(String user, List<String> savedCodes) throws Exception {
        String id = TestUsers.id(realm.admin(), user);
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_TOTP", "CONFIGURE_RECOVERY_AUTHN_CODES"));
        realm.admin().users().get(id).update(rep);

        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        Journey.waitFor(chromium, By.id("kc-totp-secret-qr-code"));
        AuthenticatorApp app = AuthenticatorApp.scanQrCode(
                chromium.driver().findElement(By.id("kc-totp-secret-qr-code")).getAttribute("src"));
        assertTrue(app.label().contains(user), "the QR code names the account: " + app.label());
        // "Enter the 6-digit code to verify enrolment was successful."
        chromium.driver().findElement(By.id("totp")).sendKeys(app.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys("Authy");
        chromium.driver().findElement(By.id("saveTOTPBtn")).click();

        Journey.waitFor(chromium, By.id("kc-recovery-codes-list"));
        List<String> shown = chromium.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).stream()
                .map(WebElement::getText).map(t -> t.replaceAll("^\\d+:\\s*", "").trim()).toList();
        assertEquals(12, shown.size(), shown.toString());
        // "Would you like to save the codes into a text file?" The page's Download button.
        chromium.driver().findElement(By.id("downloadRecoveryCodes")).click();
        Path file = chromium.downloads().resolve("kc-download-recovery-codes.txt");
        Journey.waitUntil(chromium, "the recovery codes file in the downloads folder", () -> Files.exists(file));
        String saved = Files.readString(file);
        for (String code : shown) {
            assertTrue(saved.contains(code), code + " missing from the downloaded file:\n" + saved);
        }
        savedCodes.addAll(shown);
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        chromium.driver().findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        Journey.waitUntil(chromium, "logged in to the cloud portal", browser::loggedIn);
        return app;
    }

    @Test
    void totpFromTheQrCodeRecoveryCodesAsATextFileAndAVerifiedSetUp() throws Exception {
        String user = TestUsers.create(realm.admin(), "uoft", "utoronto.ca", true);
        List<String> codes = new java.util.ArrayList<>();
        AuthenticatorApp app = enrolTotpWithRecoveryCodes(user, codes);

        // The next login asks for the code, which the app computes.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
        browser.totp(app.freshCode());
        assertTrue(browser.loggedIn(), browser.pageSource());

        // Without the phone, a recovery code from the file opens the account once.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        browser.tryAnotherWay("Recovery");
        Journey.waitFor(chromium, By.id("recoveryCodeInput"));
        chromium.driver().findElement(By.id("recoveryCodeInput")).sendKeys(codes.get(0));
        chromium.driver().findElement(By.id("kc-login")).click();
        Journey.waitUntil(chromium, "a recovery code logs in", browser::loggedIn);
    }
}
