package org.hpcmfa.keycloak.it.accountrecovery;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.revocation.Krls;
import org.hpcmfa.keycloak.it.revocation.UserCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * What a person does to their own second factors revokes their SSH certificates in the same request: pressing
 * "Disable two-factor login" on the mailed link's page, and deleting their last second factor in the Account
 * Console (Keycloak's delete_credential action, which the Account Console's "Delete" button starts). Sending
 * the link alone revokes nothing; another person's certificate stays valid.
 */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SelfServiceRevocationIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    LoginDriver browser;
    UserCertificates certificates;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        certificates = new UserCertificates(realm, dir);
        DisableMfaAdmin.emailCodesOnlyFor(realm.admin(), "example.org");
    }

    @AfterEach
    void restoreTheDemoSettings() {
        DisableMfaAdmin.emailCodesOnlyFor(realm.admin(), "");
    }

    @Test
    void confirmingDisableMfaRevokesTheCertificates() throws Exception {
        String user = TestUsers.create(realm.admin(), "rv-dm", DOMAIN, true, true);
        String other = TestUsers.create(realm.admin(), "rv-dm-other", DOMAIN, true, true);
        UserCertificates.Issued mine = certificates.issue(user, 0);
        UserCertificates.Issued theirs = certificates.issue(other, 0);

        DisableMfaPages pages = new DisableMfaPages(browser, driver, mail);
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        String link = pages.sendLink(user);
        assertFalse(Krls.revoked(realm.getBaseUrl(), mine, dir), "asking for the link revoked the certificate");

        driver.open(link);
        driver.findElement(By.id("kc-disable-mfa-confirm")).click();
        assertTrue(browser.pageSource().contains("Two-factor login has been disabled"), browser.pageSource());
        assertTrue(Krls.revoked(realm.getBaseUrl(), mine, dir), "disable-MFA left the certificate valid");
        assertFalse(Krls.revoked(realm.getBaseUrl(), theirs, dir), "another person's certificate was revoked");

        String userId = TestUsers.id(realm.admin(), user);
        List<EventRepresentation> events = Krls.revocationEvents(realm.admin(), userId, "mfa_disabled");
        assertEquals(1, events.size());
        assertEquals(Long.toUnsignedString(mine.serial()), events.get(0).getDetails().get("serial"));
        assertEquals("user:" + userId, events.get(0).getDetails().get("revoked_by"));
        assertTrue(Krls.revocationEvents(realm.admin(), userId, "last_second_factor_removed").isEmpty(),
                "the removal's own event was taken for a second trigger");
    }

    @Test
    void deletingTheLastSecondFactorInTheAccountConsoleRevokesTheCertificates() throws Exception {
        String user = TestUsers.create(realm.admin(), "rv-account", DOMAIN, true, true);
        String userId = TestUsers.id(realm.admin(), user);
        UserCertificates.Issued mine = certificates.issue(user, 0);
        String otpId = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();

        browser.open(LoginDriver.APP, Map.of("kc_action", "delete_credential:" + otpId))
                .usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        driver.findElement(By.id("kc-accept")).click();
        assertTrue(driver.getCurrentUrl().contains("kc_action_status=success"), driver.getCurrentUrl());
        assertTrue(realm.admin().users().get(userId).credentials().stream().noneMatch(c -> "otp".equals(c.getType())));

        assertTrue(Krls.revoked(realm.getBaseUrl(), mine, dir), "the last second factor is gone, the certificate not");
        List<EventRepresentation> events = Krls.revocationEvents(realm.admin(), userId, "last_second_factor_removed");
        assertEquals(1, events.size());
        assertEquals("user:" + userId, events.get(0).getDetails().get("revoked_by"));
    }
}
