package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * SSH keys in the Account Console (Chromium): "Signing in" lists a person's keys once the realm has a flow with the
 * key step, and "Set up" opens the "Register an SSH key" page, which refuses what is not a key and registers a key.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshKeysAccountConsoleIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

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
        SshAdminApi.configure(realm, Map.of("registered-key-first-factor", List.of("false"),
                "allowed-clients", List.of("ssh-cli", "ssh-gateway"), "require-key-binding", List.of("true")));
    }

    private String text(String testId) {
        return chromium.driver().findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    @Test
    void signingInListsTheKeysAndSetUpRegistersOne() throws Exception {
        KeyFirstFlows.ensure(realm);
        String laptop = RegisteredKeysApi.keygen(dir, "laptop");
        String user = TestUsers.create(realm.admin(), "console-keys", "example.org", true,
                List.of(TestUsers.totpCredential("test phone"), RegisteredKeysApi.credential(laptop, "laptop")));

        // The demo's portal login (username and TOTP code) in front of the Account Console.
        chromium.driver().get(realm.getBaseUrl() + "/account/account-security/signing-in");
        chromium.waitFor(By.id("username"));
        browser.usernamePassword(user, TestUsers.totpNow());
        chromium.waitFor(By.cssSelector("[data-testid='hpc-ssh-key/credential-list']"));
        assertTrue(text("hpc-ssh-key/credential-list").contains("laptop"), text("hpc-ssh-key/credential-list"));

        chromium.driver().findElement(By.cssSelector("[data-testid='hpc-ssh-key/create']")).click();
        chromium.waitFor(By.id("publicKey"));
        WebElement field = chromium.driver().findElement(By.id("publicKey"));
        field.sendKeys("-----BEGIN OPENSSH PRIVATE KEY----- oops");
        browser.submit(chromium.driver().findElement(By.id("kc-ssh-key-register")));
        assertTrue(browser.pageSource().contains("This is not an SSH public key the certificate authority accepts"),
                browser.pageSource());

        String desk = RegisteredKeysApi.keygen(dir, "desk");
        field = chromium.driver().findElement(By.id("publicKey"));
        field.clear();
        field.sendKeys(desk);
        browser.submit(chromium.driver().findElement(By.id("kc-ssh-key-register")));
        chromium.waitUntil("the Account Console lists the new key", () -> !chromium.driver()
                .findElements(By.cssSelector("[data-testid='hpc-ssh-key/credential-list']")).isEmpty()
                && text("hpc-ssh-key/credential-list").contains("desk"));
        assertTrue(text("hpc-ssh-key/credential-list").contains("laptop"));

        List<String> labels = realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .filter(c -> "hpc-ssh-key".equals(c.getType())).map(c -> c.getUserLabel()).sorted().toList();
        assertEquals(List.of("desk", "laptop"), labels);
    }
}
