package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * UCLouvain CISM (seed 002): TOTP set up by scanning the QR code with any RFC 6238 app, then the web login with
 * username, password and the code in the "OTP (optional)" field, all on one page.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class CismJourneyIT extends BrowserJourney {

    static final String JUPYTERLAB = "cism-jupyterlab";

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;


    @Override
    ManagedRealm realm() {
        return realm;
    }

    private void login(String user, String password, String otp) {
        browser.open(JUPYTERLAB, Map.of());
        chromium.waitFor(By.id("otp"));
        chromium.driver().findElement(By.id("username")).sendKeys(user);
        chromium.driver().findElement(By.id("password")).sendKeys(password);
        chromium.driver().findElement(By.id("otp")).sendKeys(otp);
        browser.submit(chromium.driver().findElement(By.id("kc-login")));
    }

    @Test
    void totpFromTheQrCodeThenUsernamePasswordAndCodeOnOnePage() throws Exception {
        String user = TestUsers.create(realm.admin(), "cism", "uclouvain.be", false);
        String id = TestUsers.id(realm.admin(), user);
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_TOTP"));
        realm.admin().users().get(id).update(rep);

        // Without TOTP yet, the optional field stays empty; then the set-up: scan the QR code, type its code.
        login(user, TestUsers.PASSWORD, "");
        chromium.waitFor(By.id("kc-totp-secret-qr-code"));
        AuthenticatorApp app = AuthenticatorApp.scanQrCode(
                chromium.driver().findElement(By.id("kc-totp-secret-qr-code")).getAttribute("src"));
        chromium.driver().findElement(By.id("totp")).sendKeys(app.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys("FreeOTP");
        browser.submit(chromium.driver().findElement(By.id("saveTOTPBtn")));
        // The recovery codes follow the enrolment (the demo realm's 8).
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        assertEquals(8, browser.keepRecoveryCodesIfShown().size());
        chromium.waitUntil("logged in to JupyterLab", browser::loggedIn);

        // "Enter your username and password as usual and also the verification code in the OTP (optional) field."
        login(user, TestUsers.PASSWORD, app.freshCode());
        assertTrue(browser.loggedIn(), "password and code on one page: " + browser.pageSource());

        // Now that the account has TOTP, the field is not optional for it, and a wrong code is refused.
        login(user, TestUsers.PASSWORD, "");
        assertFalse(browser.loggedIn());
        assertTrue(browser.text(By.id("input-error-otp")).contains("Enter the code from your authenticator app."),
                browser.pageSource());
        login(user, TestUsers.PASSWORD, "000000".equals(app.freshCode()) ? "111111" : "000000");
        assertFalse(browser.loggedIn());
        assertTrue(browser.pageSource().contains("Invalid username, password or code."), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-attempted-username")), "a refused login shows the user as signed in");
    }
}
