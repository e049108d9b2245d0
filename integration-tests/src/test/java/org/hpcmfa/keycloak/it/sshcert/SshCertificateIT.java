package org.hpcmfa.keycloak.it.sshcert;

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

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * The VSC and Magento journeys with real OpenSSH: the user-side client logs in through the device grant (a
 * browser with a second factor), gets a certificate, loads it into an ssh-agent, and a real sshd trusting the
 * realm's CA lets the user in; expired, wrong-principal, revoked and rotated-out certificates are refused.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshCertificateIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path dir;

    LoginDriver browser;
    DeviceLogin device;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        device = new DeviceLogin(realm.getBaseUrl());
    }

    /**
     * A user created with TOTP (password, then TOTP), and a device-grant token for ssh-cli that
     * signs only {@code publicKey} (the key approved on the review page).
     */
    String mfaToken(String username, String publicKey) throws Exception {
        JsonNode started = device.start("ssh-cli", null, publicKey);
        DeviceLogin.approveInBrowser(browser, started.get("verification_uri_complete").asText(), username);
        return device.poll("ssh-cli", null, started.get("device_code").asText());
    }

    String userKey(String name, String... type) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-f", dir.resolve(name).toString()));
        command.addAll(List.of(type.length == 0 ? new String[] {"-t", "ed25519"} : type));
        Sshd.run(command, Map.of());
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }

    @Test
    void userSideClientGetsACertificateThatARealSshdAccepts() throws Exception {
        String user = TestUsers.create(realm.admin(), "ssh-client", "example.org", true, true);
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> agent = CertificateCommand.startAgent();
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), device.caPub(), device.krl(), user)) {
            Map<String, String> env = new HashMap<>(agent);
            env.put("HOME", home.toString());
            CertificateCommand client = CertificateCommand.start(realm.getName(), env);
            DeviceLogin.approveInBrowser(browser, client.loginUrl(), user);
            assertEquals(0, client.finish(), client.transcript());
            String transcript = client.transcript();
            assertTrue(transcript.contains("Loaded key and certificate into the ssh-agent"), transcript);
            // The key the CLI named at login, printed for comparison with the review page.
            String publicKey = Files.readString(home.resolve(".ssh/id_ed25519.pub")).trim();
            assertTrue(transcript.contains("Then approve only if the page shows this key:\n    "
                    + DeviceLogin.fingerprint(publicKey) + "\n"), transcript);
            // Magento's ssh-cert:load report: the validity end, what the login proved, the mode.
            assertTrue(transcript.matches("(?s).*\nGenerating SSH certificate\\.\\.\\.\n"
                    + "  Expires at: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d\n"
                    + "  Multi-factor authentication: verified\n"
                    + "  Mode: interactive\n"
                    + "  Principals: " + user + "\n.*"
                    + "The certificate will be automatically refreshed when necessary\\.\n.*"), transcript);

            Path cert = home.resolve(".ssh/id_ed25519-cert.pub");
            Sshd.Result listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", cert.toString()), Map.of());
            String l = listed.output();
            assertTrue(l.contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate"), l);
            assertTrue(l.matches("(?s).*Key ID: \"mfa-demo:" + user + ":\\d+:ssh-cli\".*"), l);
            assertTrue(l.matches("(?s).*Principals: \\s*" + user + "\\s+Critical Options: \\(none\\).*"), l);
            // permit-pty, and the MFA evidence (docs/ssh-mfa-evidence.md): "password,totp" and the login's time.
            assertTrue(l.matches("(?s).*Extensions: \\s*mfa-auth-time@hpc-mfa.org UNKNOWN OPTION: [0-9a-f]+ \\(len 14\\)\\s+"
                    + "mfa-factors@hpc-mfa.org UNKNOWN OPTION: 0000000d70617373776f72642c746f7470 \\(len 17\\)\\s+"
                    + "permit-pty\\s*"), l);
            assertTrue(Sshd.run(List.of("ssh-add", "-l"), agent).output().contains("ED25519-CERT"), "certificate not in agent");

            // Through the agent only: no key file, no certificate file given to ssh.
            Sshd.Result login = sshd.ssh(agent, "-o", "IdentitiesOnly=no");
            assertEquals(0, login.exitCode(), login.output() + sshd.log());
            assertTrue(login.output().contains("logged-in-as-" + sshd.account), login.output());
            assertTrue(sshd.log().contains("Accepted certificate ID \"mfa-demo:" + user), sshd.log());

            // A second run refreshes nothing while the certificate is still good.
            CertificateCommand again = CertificateCommand.start(realm.getName(), env);
            assertEquals(0, again.finish(), again.transcript());
            String second = again.transcript();
            assertTrue(second.startsWith("Your certificate is still valid until "), second);
            assertTrue(second.contains("nothing to do"), second);
        } finally {
            CertificateCommand.stopAgent(agent);
        }
    }

    @Test
    void sshdRefusesExpiredWrongPrincipalRevokedAndRotatedOutCertificates() throws Exception {
        String user = TestUsers.create(realm.admin(), "ssh-neg", "example.org", true, true);
        String key = userKey("neg");
        String token = mfaToken(user, key);
        JsonNode good = device.sign(token, "{\"public_key\":\"" + key + "\"}").body();
        Path cert = dir.resolve("neg-cert.pub");
        Files.writeString(cert, good.get("certificate").asText() + "\n");
        String[] useCert = {"-i", dir.resolve("neg").toString(), "-o", "CertificateFile=" + cert, "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none"};

        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), device.caPub(), device.krl(), user)) {
            assertEquals(0, sshd.ssh(Map.of(), useCert).exitCode(), sshd.log());

            // Wrong principal: the account now only admits someone else.
            sshd.principals("someone-else");
            assertNotEquals(0, sshd.ssh(Map.of(), useCert).exitCode());
            sshd.principals(user);

            // Expired: a one-second certificate, two seconds later.
            JsonNode shortLived = device.sign(token, "{\"public_key\":\"" + key + "\",\"ttl\":1}").body();
            Path shortCert = dir.resolve("short-cert.pub");
            Files.writeString(shortCert, shortLived.get("certificate").asText() + "\n");
            Thread.sleep(2_500);
            assertNotEquals(0, sshd.ssh(Map.of(), "-i", dir.resolve("neg").toString(), "-o", "CertificateFile=" + shortCert,
                    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none").exitCode(), "expired certificate accepted");

            // Revoked by an admin: its serial appears in the KRL, which sshd reads at each login.
            assertEquals(200, SshAdminApi.revoke(admin, realm.getName(), "{\"serial\":" + good.get("serial").asLong() + "}"));
            byte[] krl = device.krl();
            sshd.revoked(krl);
            assertNotEquals(0, sshd.ssh(Map.of(), useCert).exitCode(), "revoked certificate accepted");
            assertTrue(Sshd.run(List.of("ssh-keygen", "-Q", "-f", dir.resolve("sshd/krl").toString(), cert.toString()),
                    Map.of()).output().contains("REVOKED"));

            // Rotation: the old key stays published; once servers drop it, its certificates stop working.
            JsonNode beforeRotation = device.sign(token, "{\"public_key\":\"" + key + "\"}").body();
            Path oldCaCert = dir.resolve("old-ca-cert.pub");
            Files.writeString(oldCaCert, beforeRotation.get("certificate").asText() + "\n");
            String oldCaLine = device.caPub().trim();
            SshAdminApi.rotate(realm);
            String bothLines = device.caPub();
            assertEquals(2, bothLines.lines().count(), "old and new CA keys during the rotation: " + bothLines);
            assertTrue(bothLines.contains(oldCaLine.split(" ")[1]));
            sshd.trust(bothLines);
            String[] useOld = {"-i", dir.resolve("neg").toString(), "-o", "CertificateFile=" + oldCaCert,
                    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"};
            assertEquals(0, sshd.ssh(Map.of(), useOld).exitCode(), "old CA's certificate during rotation");
            String newLine = bothLines.lines().filter(l -> !l.contains(oldCaLine.split(" ")[1])).findFirst().orElseThrow();
            sshd.trust(newLine + "\n");
            assertNotEquals(0, sshd.ssh(Map.of(), useOld).exitCode(), "certificate of the rotated-out CA accepted");
            JsonNode afterRotation = device.sign(token, "{\"public_key\":\"" + key + "\"}").body();
            Path newCaCert = dir.resolve("new-ca-cert.pub");
            Files.writeString(newCaCert, afterRotation.get("certificate").asText() + "\n");
            assertEquals(0, sshd.ssh(Map.of(), "-i", dir.resolve("neg").toString(), "-o", "CertificateFile=" + newCaCert,
                    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none").exitCode(), sshd.log());
        }

        List<EventRepresentation> issued = realm.admin().getEvents(List.of("TOKEN_EXCHANGE"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        assertTrue(issued.size() >= 3, "one event per certificate");
        EventRepresentation first = issued.get(issued.size() - 1);
        assertEquals("ssh-cli", first.getClientId());
        for (String detail : List.of("serial", "key_id", "principals", "key_fingerprint")) {
            assertTrue(first.getDetails().containsKey(detail), detail + " missing in " + first.getDetails());
        }
    }
}
