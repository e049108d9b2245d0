package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * Mila, day to day (seed 000, "Tips" and "Troubleshooting"): a person with TOTP adds push approval as a second
 * factor for redundancy from the Account Console (Keycloak's React portal, so a real browser), and a code from a
 * phone whose clock is off is refused with a message that says to check the phone's clock.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class MilaDayToDayJourneyIT extends BrowserJourney {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;


    @Override
    ManagedRealm realm() {
        return realm;
    }

    @Test
    void aSecondFactorForRedundancyFromTheAccountConsole() throws Exception {
        String user = TestUsers.create(realm.admin(), "mila-two", "mila.quebec", true, true);

        // The portal (the Account Console behind the realm's portal login): username and TOTP code.
        chromium.driver().get(realm.getBaseUrl() + "/account/account-security/signing-in");
        chromium.waitFor(By.id("username"));
        browser.usernamePassword(user, TestUsers.totpNow());
        chromium.waitFor(By.cssSelector("[data-testid='otp/credential-list']"));
        assertTrue(text("otp/credential-list").contains("test phone"), text("otp/credential-list"));
        assertTrue(text("hpc-push/credential-list").contains("not set up"), text("hpc-push/credential-list"));

        // "Set up Push approval": the set-up page, the phone scans, the page goes back to the portal by itself.
        chromium.driver().findElement(By.cssSelector("[data-testid='hpc-push/create']")).click();
        chromium.waitFor(By.id("push-enrol-uri"));
        PrivacyIdeaApp phone = PrivacyIdeaApp.scan(browser.text(By.id("push-enrol-uri")));
        assertEquals(200, phone.rollout().status());
        // A new set of recovery codes follows every enrolment.
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        browser.keepRecoveryCodesIfShown();
        chromium.waitUntil("the Account Console lists the phone", () -> !chromium.driver()
                .findElements(By.cssSelector("[data-testid='hpc-push/credential-list']")).isEmpty()
                && text("hpc-push/credential-list").contains("Phone 1"));
        assertTrue(text("otp/credential-list").contains("test phone"), "TOTP is still there");

        List<String> types = realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
        assertTrue(types.contains("otp") && types.contains("hpc-push"), types.toString());
    }

    @Test
    void aCodeFromAPhoneWhoseClockIsOffIsRefusedWithTheClockMessage() throws Exception {
        String user = TestUsers.create(realm.admin(), "mila-clock", "mila.quebec", true, true);
        // The phone's clock runs 5 minutes slow: its code was right five minutes ago, not now.
        browser.openPortal().usernamePassword(user, TestUsers.totp(TestUsers.TOTP_SECRET, -10));
        assertFalse(browser.loggedIn());
        String page = chromium.driver().findElement(By.tagName("body")).getText();
        assertTrue(page.matches("(?s).*Your phone's clock seems to be off by about [45] minutes: set it to automatic"
                + " time synchronization and try again\\..*"), page);
        // With the clock set right, the current code works.
        browser.openPortal().usernamePassword(user, TestUsers.totpNow());
        assertTrue(browser.loggedIn(), browser.pageSource());
    }

    private String text(String testId) {
        return chromium.driver().findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }
}
