package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.revocation.Krls;
import org.hpcmfa.keycloak.it.revocation.UserCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 17, item 4 (Chromium): the Account Console's Applications link to "Your SSH certificates", which lists the
 * person's certificates (serial, key fingerprint, principals, program, requesting address, expiry) and revokes one;
 * the KRL then lists that serial and not the other. A form whose token was tampered with, and another person's
 * serial slipped into the form, revoke nothing.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class MyCertificatesIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void theAccountConsoleLinksToAPageThatListsAndRevokesAndTheKrlFollows() throws Exception {
        UserCertificates certificates = new UserCertificates(realm, dir);
        String person = certificates.user("my-certs");
        UserCertificates.Issued first = certificates.issue(person, 0);
        UserCertificates.Issued second = certificates.issue(person, 1);
        UserCertificates.Issued someoneElses = certificates.issue(certificates.user("other-certs"), 0);
        String firstSerial = Long.toUnsignedString(first.serial());
        String secondSerial = Long.toUnsignedString(second.serial());

        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            chromium.driver().get(realm.getBaseUrl() + "/account/applications");
            chromium.waitFor(By.id("username"));
            // The two codes of this period went to the terminal logins; Keycloak also accepts the last period's.
            browser.usernamePassword(person, TestUsers.totp(TestUsers.TOTP_SECRET, -1));
            // The application's details name its URL; the console opens it in a new tab, the test in this one.
            chromium.waitFor(By.id("toggle-ssh-certificates"));
            chromium.driver().findElement(By.id("toggle-ssh-certificates")).click();
            chromium.waitUntil("the application's details show", () -> chromium.driver()
                    .findElement(By.id("content-ssh-certificates")).getText().contains("/ssh-ca/certificates"));
            String details = chromium.driver().findElement(By.id("content-ssh-certificates")).getText();
            assertTrue(details.contains(realm.getBaseUrl() + "/ssh-ca/certificates"), details);
            chromium.driver().get(realm.getBaseUrl() + "/ssh-ca/certificates");
            chromium.waitFor(By.id("ssh-certificates"));

            WebElement row = row(chromium, firstSerial);
            assertEquals(fingerprint(first), row.findElement(By.className("ssh-certificate-key")).getText());
            assertEquals(person, row.findElement(By.className("ssh-certificate-principals")).getText());
            assertEquals("ssh-gateway", row.findElement(By.className("ssh-certificate-client")).getText());
            assertEquals("127.0.0.1", row.findElement(By.className("ssh-certificate-address")).getText());
            assertTrue(row.findElement(By.className("ssh-certificate-expires")).getText().endsWith(" UTC"));
            assertEquals(2, chromium.driver().findElements(By.className("ssh-certificate")).size(),
                    "only the person's own certificates");

            // A cross-site form (no page token) and another person's serial revoke nothing.
            chromium.driver().executeScript("document.querySelector(\"li[data-serial='" + firstSerial
                    + "'] input[name=token]\").value = 'forged';");
            browser.submit(row.findElement(By.tagName("button")));
            chromium.waitFor(By.id("ssh-certificates-error"));
            assertTrue(text(chromium, "ssh-certificates-error").contains("The form has expired"));
            chromium.driver().executeScript("document.querySelector(\"li[data-serial='" + firstSerial
                    + "'] input[name=serial]\").value = '" + Long.toUnsignedString(someoneElses.serial()) + "';");
            browser.submit(row(chromium, firstSerial).findElement(By.tagName("button")));
            chromium.waitFor(By.id("ssh-certificates-error"));
            assertTrue(text(chromium, "ssh-certificates-error").contains("You have no certificate with that serial"));
            assertFalse(Krls.revoked(realm.getBaseUrl(), someoneElses, dir), "another person's certificate was revoked");
            assertFalse(Krls.revoked(realm.getBaseUrl(), first, dir));

            browser.submit(row(chromium, firstSerial).findElement(By.tagName("button")));
            chromium.waitFor(By.id("ssh-certificates-revoked"));
            assertTrue(text(chromium, "ssh-certificates-revoked").contains("Certificate " + firstSerial + " was revoked"));
            assertTrue(row(chromium, firstSerial).getText().contains("(revoked)"));
            assertTrue(row(chromium, firstSerial).findElements(By.tagName("button")).isEmpty());
            assertFalse(row(chromium, secondSerial).findElements(By.tagName("button")).isEmpty());
        }
        assertTrue(Krls.revoked(realm.getBaseUrl(), first, dir), "the KRL lists the revoked serial");
        assertFalse(Krls.revoked(realm.getBaseUrl(), second, dir), "the other certificate stays valid");
        List<EventRepresentation> events = realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null,
                TestUsers.id(realm.admin(), person), null, null, null, 0, 10);
        assertTrue(events.stream().anyMatch(e -> e.getDetails() != null && firstSerial.equals(e.getDetails().get("serial"))
                && "ssh-certificate".equals(e.getDetails().get("credential_type"))), String.valueOf(events));
    }

    private static WebElement row(Chromium chromium, String serial) {
        return chromium.driver().findElement(By.cssSelector("li.ssh-certificate[data-serial='" + serial + "']"));
    }

    private static String text(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id)).getText();
    }

    private static String fingerprint(UserCertificates.Issued issued) throws Exception {
        Path pub = issued.key().resolveSibling(issued.key().getFileName() + ".pub");
        return Sshd.run(List.of("ssh-keygen", "-l", "-f", pub.toString()), Map.of()).output().split(" ")[1];
    }
}
