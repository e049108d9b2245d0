package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.revocation.UserCertificates;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue 17, items 3 and 2. The MFA evidence in a person's certificate (mfa-factors@hpc-mfa.org,
 * mfa-auth-time@hpc-mfa.org), judged by login-node/hpc-mfa-principals as a real sshd's AuthorizedPrincipalsCommand:
 * a fresh certificate logs in; the same certificate once older than the host's policy, and the demo deploy job's
 * certificate (automation: no evidence), end at the forced message naming the reason and what to run, and the
 * refusals are logged. Then the CLI's agent hygiene: ten renewals leave one certificate in a real ssh-agent.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class CertificateEvidenceIT {

    private static final Path HELPER = PackJars.rootDir().resolve("login-node/hpc-mfa-principals");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void sshdAdmitsFreshEvidenceAndRefusesOldOrMissingEvidenceWithTheMessage() throws Exception {
        UserCertificates certificates = new UserCertificates(realm, dir);
        String person = certificates.user("evidence");
        long issuedAt = System.currentTimeMillis() / 1000;
        UserCertificates.Issued fresh = certificates.issue(person, 0);
        String listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", fresh.certificate().toString()), Map.of()).output();
        assertEquals("totp", extension(listed, "mfa-factors@hpc-mfa.org"), "the factor the terminal prompt checked");
        long authTime = Long.parseLong(extension(listed, "mfa-auth-time@hpc-mfa.org"));
        assertTrue(Math.abs(authTime - issuedAt) < 30, "auth time " + authTime + " vs " + issuedAt);

        DeviceLogin api = new DeviceLogin(realm.getBaseUrl());
        Path deployKey = dir.resolve("deploy");
        Sshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", deployKey.toString()), Map.of());
        DeviceLogin.Reply signed = api.sign(ServiceAccounts.token(realm.getBaseUrl(), realm.admin(), "ci-deploy"),
                "{\"public_key\":\"" + Files.readString(deployKey.resolveSibling("deploy.pub")).trim() + "\"}");
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        Path deployCert = dir.resolve("deploy-cert.pub");
        Files.writeString(deployCert, signed.body().get("certificate").asText() + "\n");
        String deployListed = Sshd.run(List.of("ssh-keygen", "-L", "-f", deployCert.toString()), Map.of()).output();
        assertFalse(deployListed.contains("hpc-mfa.org"), "automation certificates carry no evidence: " + deployListed);

        Path policy = dir.resolve("principals-policy.conf");
        Path refusals = dir.resolve("refusals.log");
        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), api.caPub(), api.krl(), person,
                List.of("AuthorizedPrincipalsCommand " + installedHelper() + " --config " + policy + " %u %t %k",
                        "AuthorizedPrincipalsCommandUser " + System.getProperty("user.name")))) {
            writePolicy(policy, person, "12h", "message", refusals);
            Sshd.Result admitted = sshd.ssh(Map.of(), fresh.sshOptions());
            assertEquals(0, admitted.exitCode(), admitted.output() + sshd.log());
            assertTrue(admitted.output().contains("logged-in-as-" + sshd.account), admitted.output());

            Sshd.Result automation = sshd.ssh(Map.of(), "-i", deployKey.toString(), "-o", "CertificateFile=" + deployCert,
                    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none");
            assertRefusedWithMessage(automation, "this certificate carries no MFA evidence");
            assertTrue(Files.readString(refusals).contains("reason=no_mfa_evidence"), Files.readString(refusals));

            // The same certificate, once its second factor is older than the host allows.
            writePolicy(policy, person, "2s", "message", refusals);
            while (System.currentTimeMillis() / 1000 - authTime <= 3) {
                Thread.sleep(250);
            }
            Sshd.Result old = sshd.ssh(Map.of(), fresh.sshOptions());
            assertRefusedWithMessage(old, "the second factor behind this certificate was proven ");
            assertTrue(old.output().contains("this host requires one within 2s"), old.output());
            String log = Files.readString(refusals);
            assertTrue(log.contains("serial=" + Long.toUnsignedString(fresh.serial()) + " ") && log.contains("reason=mfa_too_old")
                    && log.contains("factors=totp"), log);

            // on_refusal = deny: nothing printed, sshd refuses the key itself.
            writePolicy(policy, person, "2s", "deny", refusals);
            Sshd.Result denied = sshd.ssh(Map.of(), fresh.sshOptions());
            assertNotEquals(0, denied.exitCode(), denied.output());
            assertTrue(denied.output().contains("Permission denied"), denied.output());
            assertFalse(denied.output().contains("hpc-mfa:"), denied.output());
        }
    }

    @Test
    void theAgentHoldsExactlyOneCertificateAfterTenRenewals() throws Exception {
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        try {
            while (!Files.exists(socket)) {
                Thread.sleep(50);
            }
            Path secret = dir.resolve("ci-deploy.secret");
            Files.writeString(secret, TerminalApi.secret(realm.admin(), "ci-deploy") + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Path key = dir.resolve("home/.ssh/id_ed25519");
            Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString(), "HOME", dir.resolve("home").toString(),
                    "PYTHONDONTWRITEBYTECODE", "1");
            List<String> serials = new ArrayList<>();
            for (int renewal = 0; renewal < 10; renewal++) {
                Sshd.Result run = Sshd.run(List.of("python3", PackJars.rootDir().resolve("client/hpc-ssh-cert").toString(),
                        "--server", "http://localhost:8080", "--realm", realm.getName(), "--client-id", "ci-deploy",
                        "--client-secret-file", secret.toString(), "--key", key.toString(), "--force"), env);
                assertEquals(0, run.exitCode(), run.output());
                assertTrue(run.output().contains("Loaded key and certificate into the ssh-agent"), run.output());
                serials.add(field(Sshd.run(List.of("ssh-keygen", "-L", "-f", key + "-cert.pub"), Map.of()).output(),
                        "Serial: (\\d+)"));
            }
            assertEquals(10, serials.stream().distinct().count(), "ten distinct certificates: " + serials);
            String inAgent = Sshd.run(List.of("ssh-add", "-L"), env).output();
            List<String> certs = inAgent.lines().filter(l -> l.startsWith("ssh-ed25519-cert-v01@openssh.com ")).toList();
            assertEquals(1, certs.size(), "certificates in the agent: " + inAgent);
            Path loaded = dir.resolve("loaded-cert.pub");
            Files.writeString(loaded, certs.get(0) + "\n");
            assertEquals(serials.get(9), field(Sshd.run(List.of("ssh-keygen", "-L", "-f", loaded.toString()), Map.of())
                    .output(), "Serial: (\\d+)"), "the agent's certificate is the newest");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            try (var files = Files.list(key.getParent())) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                        "temporary files left beside the key");
            }
        } finally {
            agent.destroy();
        }
    }

    private static void assertRefusedWithMessage(Sshd.Result result, String reason) {
        assertNotEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("logged-in-as-"), "the refused login ran a command: " + result.output());
        assertTrue(result.output().contains("hpc-mfa: Access to ") && result.output().contains(reason)
                && result.output().contains("Run: hpc-ssh-cert"), result.output());
    }

    /** sshd runs the command only from a root-owned path none of whose directories others may write: not /tmp. */
    private static Path installedHelper() throws Exception {
        Path bin = Files.createDirectories(Path.of("target", "principals-" + UUID.randomUUID()).toAbsolutePath());
        Path copy = Files.copy(HELPER, bin.resolve("hpc-mfa-principals"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }

    /** The policy file the helper reads at every connection: the test account takes the person's principal. */
    private static void writePolicy(Path policy, String person, String maxAge, String onRefusal, Path log)
            throws Exception {
        Files.writeString(policy, String.join("\n", "[default]", "max_age = " + maxAge,
                "factors = push totp webauthn", "on_refusal = " + onRefusal, "log_file = " + log,
                "[account " + System.getProperty("user.name") + "]", "principals = " + person + " deploy", ""));
    }

    /** An extension's value as {@code ssh-keygen -L} shows a vendor extension: the hex of its string data. */
    private static String extension(String listed, String name) {
        String hex = field(listed, Pattern.quote(name) + " UNKNOWN OPTION: ([0-9a-f]+)");
        byte[] data = HexFormat.of().parseHex(hex);
        return new String(data, 4, data.length - 4, StandardCharsets.UTF_8);
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in " + text);
        return m.group(1);
    }
}
