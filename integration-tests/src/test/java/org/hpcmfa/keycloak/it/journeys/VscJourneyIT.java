package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.sshcert.CertificateCommand;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * The VSC journey (seed 001): the terminal shows a one-time URL; the person opens it in a browser and confirms
 * with a second factor; a certificate lands in the ssh-agent, and further {@code ssh} commands need no prompt
 * until it expires.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class VscJourneyIT {

    private static final int CERTIFICATE_SECONDS = 25;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void oneTimeUrlThenBrowserWithTotpThenAgentCertificateUntilItExpires() throws Exception {
        String user = TestUsers.create(realm.admin(), "vsc", "kuleuven.be", true, true);
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> agent = CertificateCommand.startAgent();
        DeviceLogin realmCa = new DeviceLogin(realm.getBaseUrl());
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), realmCa.caPub(), realmCa.krl(), user);
                Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            Map<String, String> env = new HashMap<>(agent);
            env.put("HOME", home.toString());
            CertificateCommand terminal = CertificateCommand.start(realm.getName(), env,
                    "--ttl", String.valueOf(CERTIFICATE_SECONDS));
            String url = terminal.loginUrl();

            // The browser: the one-time URL, the username, the TOTP code, Keycloak's confirmation page.
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            DeviceLogin.openInBrowser(browser, url, user);
            assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
            browser.totp(TestUsers.totpNow());
            Journey.finishDeviceLogin(chromium, browser);
            assertTrue(chromium.driver().getPageSource().contains("You may close this browser window"),
                    chromium.driver().getPageSource());

            assertEquals(0, terminal.finish(), terminal.transcript());
            assertTrue(terminal.transcript().contains("Loaded key and certificate into the ssh-agent"), terminal.transcript());
            assertTrue(Sshd.run(List.of("ssh-add", "-l"), agent).output().contains("ED25519-CERT"), "no certificate in the agent");

            // Further ssh commands: no prompt (BatchMode would fail on one), through the agent alone.
            for (int i = 0; i < 2; i++) {
                Sshd.Result login = sshd.ssh(agent, "-o", "IdentitiesOnly=no");
                assertEquals(0, login.exitCode(), login.output() + sshd.log());
                assertTrue(login.output().contains("logged-in-as-" + sshd.account), login.output());
            }

            // Until it expires: the agent drops the key with the certificate, sshd would refuse the certificate.
            Thread.sleep((CERTIFICATE_SECONDS + 3) * 1000L);
            assertNotEquals(0, sshd.ssh(agent, "-o", "IdentitiesOnly=no").exitCode(), "a login after the certificate expired");
        } finally {
            CertificateCommand.stopAgent(agent);
        }
    }
}
