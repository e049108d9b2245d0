package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
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
@KeycloakIntegrationTest(config = PackServerConfig.class)
class VscJourneyIT {

    private static final Pattern URL = Pattern.compile("(http://\\S+/device\\S*)");
    private static final int CERTIFICATE_SECONDS = 25;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void oneTimeUrlThenBrowserWithTotpThenAgentCertificateUntilItExpires() throws Exception {
        String user = TestUsers.create(realm.admin(), "vsc", "kuleuven.be", true, true);
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> agent = startAgent();
        DeviceLogin realmCa = new DeviceLogin(realm.getBaseUrl());
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), realmCa.caPub(), realmCa.krl(), user);
                Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            Map<String, String> env = new HashMap<>(agent);
            env.put("HOME", home.toString());
            ProcessBuilder command = new ProcessBuilder("python3", PackJars.rootDir().resolve("client/hpc-ssh-cert").toString(),
                    "--server", "http://localhost:8080", "--realm", realm.getName(), "--ttl", String.valueOf(CERTIFICATE_SECONDS))
                    .redirectErrorStream(true);
            command.environment().putAll(env);
            Process terminal = command.start();
            terminal.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(terminal.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder transcript = new StringBuilder();
            String url = null;
            for (String line = out.readLine(); line != null && url == null; line = out.readLine()) {
                transcript.append(line).append('\n');
                Matcher m = URL.matcher(line);
                url = m.find() ? m.group(1) : null;
            }
            assertTrue(url != null, "the terminal shows no URL: " + transcript);

            // The browser: the one-time URL, the username, the TOTP code, Keycloak's confirmation page.
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            Journey.openDeviceLogin(browser, url, user);
            assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
            browser.totp(TestUsers.totpNow());
            Journey.finishDeviceLogin(chromium, browser);
            assertTrue(chromium.driver().getPageSource().contains("You may close this browser window"),
                    chromium.driver().getPageSource());

            for (String line = out.readLine(); line != null; line = out.readLine()) {
                transcript.append(line).append('\n');
            }
            assertTrue(terminal.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, terminal.exitValue(), transcript.toString());
            assertTrue(transcript.toString().contains("Loaded key and certificate into the ssh-agent"), transcript.toString());
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
            Sshd.run(List.of("ssh-agent", "-k"), agent);
        }
    }

    private static Map<String, String> startAgent() throws Exception {
        String out = Sshd.run(List.of("ssh-agent", "-s"), Map.of()).output();
        Matcher sock = Pattern.compile("SSH_AUTH_SOCK=([^;]+);").matcher(out);
        Matcher pid = Pattern.compile("SSH_AGENT_PID=(\\d+);").matcher(out);
        assertTrue(sock.find() && pid.find(), out);
        return Map.of("SSH_AUTH_SOCK", sock.group(1), "SSH_AGENT_PID", pid.group(1));
    }
}
