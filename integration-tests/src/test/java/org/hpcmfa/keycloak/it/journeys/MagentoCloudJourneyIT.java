package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.sshcert.CertificateCommand;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshcert.SshAdminApi;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Magento Cloud (seed 003): {@code ssh-cert:load} after a browser login with the second factor, the report it
 * prints, the refresh only when needed, the "invalid certificate" diagnosis; and the automation script of a
 * deployment job with a service account, no browser, for its own principals only.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class MagentoCloudJourneyIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void loginWithTheSecondFactorThenCertificateLoadRefreshAndCheck() throws Exception {
        String user = TestUsers.create(realm.admin(), "magento", "example.com", true, true);
        Map<String, String> agent = CertificateCommand.startAgent();
        Map<String, String> env = new HashMap<>(agent);
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        DeviceLogin ca = new DeviceLogin(realm.getBaseUrl());
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), ca.caPub(), ca.krl(), user);
                Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
                CertificateCommand load = CertificateCommand.start(realm.getName(), env)) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            DeviceLogin.openInBrowser(browser, load.loginUrl(), user);
            browser.totp(TestUsers.totpNow());
            Journey.finishDeviceLogin(chromium, browser);
            assertEquals(0, load.finish(), load.transcript());
            for (String line : new String[] {"Generating SSH certificate...", "  Expires at: ",
                    "  Multi-factor authentication: verified", "  Mode: interactive", "  Principals: " + user,
                    "The certificate will be automatically refreshed when necessary."}) {
                assertTrue(load.transcript().contains(line), "'" + line + "' missing:\n" + load.transcript());
            }
            assertEquals(0, sshd.ssh(agent, "-o", "IdentitiesOnly=no").exitCode(), sshd.log());

            // Refreshed only when necessary: a second run while it is good fetches nothing.
            try (CertificateCommand again = CertificateCommand.start(realm.getName(), env)) {
                assertEquals(0, again.finish(), again.transcript());
                assertTrue(again.transcript().contains("Your certificate is still valid until"), again.transcript());
                assertTrue(again.transcript().contains("nothing to do"), again.transcript());
            }
            try (CertificateCommand check = CertificateCommand.start(realm.getName(), env, "--check")) {
                assertEquals(0, check.finish(), check.transcript());
                assertTrue(check.transcript().startsWith("Your certificate is valid until"), check.transcript());
            }

            // The certificate on disk is tampered with: the diagnosis names it, and says what to do.
            Path cert = dir.resolve("home/.ssh/id_ed25519-cert.pub");
            Files.writeString(cert, "not a certificate\n");
            try (CertificateCommand check = CertificateCommand.start(realm.getName(), env, "--check")) {
                assertEquals(10, check.finish(), check.transcript());
                assertTrue(check.transcript().startsWith("Your request does not provide a valid certificate: "),
                        check.transcript());
                assertTrue(check.transcript().contains("Run hpc-ssh-cert to load a new one."), check.transcript());
            }
        } finally {
            CertificateCommand.stopAgent(agent);
        }
    }

    @Test
    void aLoginThatDoesNotProveEnoughIsToldAccessRequiresMfa() throws Exception {
        String user = TestUsers.create(realm.admin(), "magento-nomfa", "example.com", true, true);
        // The realm asks more of certificate logins than this login gives (as for an account without TFA).
        SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("3")));
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
                CertificateCommand load = CertificateCommand.start(realm.getName(),
                        Map.of("HOME", Files.createDirectories(dir.resolve("nomfa")).toString()))) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            DeviceLogin.openInBrowser(browser, load.loginUrl(), user);
            browser.totp(TestUsers.totpNow());
            Journey.finishDeviceLogin(chromium, browser);
            assertEquals(3, load.finish(), load.transcript());
            assertTrue(load.transcript().contains("(mfa_required)"), load.transcript());
            assertTrue(load.transcript().contains("What to do: Access requires MFA: log in again with your password and a "
                    + "second factor (TOTP, push, security key or recovery code)."),
                    load.transcript());
            assertFalse(Files.exists(dir.resolve("nomfa/.ssh/id_ed25519-cert.pub")), "a certificate was written");
        } finally {
            SshAdminApi.configure(realm, Map.of("mfa-min-loa", List.of("2")));
        }
    }

    @Test
    void theDeploymentScriptOfAServiceAccount() throws Exception {
        Path secret = dir.resolve("ci-deploy.secret");
        Files.writeString(secret, TerminalApi.secret(realm.admin(), "ci-deploy") + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path key = dir.resolve("ci_deploy");
        DeviceLogin ca = new DeviceLogin(realm.getBaseUrl());
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), ca.caPub(), ca.krl(), "deploy");
                CertificateCommand load = CertificateCommand.start(realm.getName(),
                        Map.of("HOME", Files.createDirectories(dir.resolve("ci")).toString()),
                        "--client-id", "ci-deploy", "--client-secret-file", secret.toString(), "--key", key.toString())) {
            assertEquals(0, load.finish(), load.transcript());
            assertTrue(load.transcript().contains("Mode: automation"), load.transcript());
            assertTrue(load.transcript().contains("Multi-factor authentication: not required (service account)"),
                    load.transcript());
            assertTrue(load.transcript().contains("Principals: deploy"), load.transcript());
            // The script's ssh line: the key, its certificate next to it, no prompt.
            Sshd.Result deployed = sshd.ssh(Map.of(), "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                    "-o", "IdentityAgent=none");
            assertEquals(0, deployed.exitCode(), deployed.output() + sshd.log());
            assertTrue(sshd.log().contains("service-account:ci-deploy"), sshd.log());
        }
    }
}
