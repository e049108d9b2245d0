package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/** The seeds' "Cluster SSH: TOTP, Push, or email": a device-grant login approved on the phone gets a certificate. */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshPushDeviceLoginIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    @Test
    void aPushApprovedDeviceLoginGetsAnSshCertificate() throws Exception {
        String user = TestUsers.create(realm.admin(), "ssh-push", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user);
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        LoginDriver browser = new LoginDriver(driver, realm);

        Sshd.run(List.of("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", dir.resolve("id").toString()), Map.of());
        String publicKey = Files.readString(dir.resolve("id.pub")).trim();
        JsonNode started = device.start("ssh-cli", null, publicKey);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        assertTrue(browser.isPresent(By.id("push-number")), browser.pageSource());
        assertTrue(phone.approve(phone.poll().get(0), browser.text(By.id("push-number"))).value());
        for (int i = 0; i < 600 && browser.isPresent(By.id("push-number")); i++) {
            Thread.sleep(50); // the page's own script submits once the phone has answered
        }
        if (browser.isPresent(By.id("push-number"))) {
            driver.findElement(By.id("kc-login")).click(); // as a person does when the page is slow: "Continue"
        }
        for (int i = 0; i < 600 && !browser.isPresent(By.id("kc-oauth"))
                && !browser.isPresent(By.id("kc-key-review-approve"))
                && !browser.pageSource().contains("Device Login Successful"); i++) {
            Thread.sleep(50);
        }
        DeviceLogin.approveKey(browser);
        assertTrue(browser.pageSource().contains("Device Login Successful"), "after the approval: " + browser.pageSource());
        String token = device.poll("ssh-cli", null, started.get("device_code").asText());

        DeviceLogin.Reply signed = device.sign(token, "{\"public_key\":\"" + publicKey + "\"}");
        assertEquals(200, signed.status(), JsonSerialization.writeValueAsString(signed.body()));
        assertTrue(signed.body().get("certificate").asText().startsWith("ssh-ed25519-cert-v01@openssh.com "));
        assertEquals(user, signed.body().get("principals").get(0).asText());
    }
}
