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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The user-side command {@code client/hpc-ssh-cert} as a deployment script runs it (Magento's sample script):
 * automation mode with a client secret file, the certificate it writes opening a real sshd with
 * {@code ssh -o BatchMode=yes}, no new certificate while the current one is good, {@code --check} for valid,
 * expired, foreign-CA and missing certificates, and the troubleshooting text of refusals. Exact output.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshCertCliIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("service-account-clients", List.of("ci-deploy")));
    }

    /** The command with a clean environment: its own HOME, no ssh-agent, UTC, stdin closed (no one to answer). */
    private Run cli(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", PackJars.rootDir().resolve("client/hpc-ssh-cert").toString(),
                "--server", "http://localhost:8080", "--realm", realm.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().remove("HPC_SSH_CERT_CLIENT_SECRET");
        builder.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        builder.environment().put("TZ", "UTC");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hpc-ssh-cert hangs: " + command);
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path secretFile(String clientId) throws Exception {
        Path file = dir.resolve(clientId + ".secret");
        Files.writeString(file, TerminalApi.secret(realm.admin(), clientId) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A field of {@code ssh-keygen -L} (UTC), e.g. the end of "Valid: from ... to ...". */
    private static String certField(Path cert, String regex) throws Exception {
        String listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", cert.toString()), Map.of()).output();
        Matcher m = Pattern.compile(regex).matcher(listed);
        assertTrue(m.find(), regex + " not in " + listed);
        return m.group(1);
    }

    private static String expiry(Path cert) throws Exception {
        return certField(cert, "Valid: from \\S+ to (\\S+)") + "+00:00";
    }

    private static String keyId(Path cert) throws Exception {
        return certField(cert, "Key ID: \"([^\"]+)\"");
    }

    private static String generated(String expiry, String keyId, Path key) {
        return "Generating SSH certificate...\n"
                + "  Expires at: " + expiry + "\n"
                + "  Multi-factor authentication: not required (service account)\n"
                + "  Mode: automation\n"
                + "  Principals: deploy\n"
                + "  Key ID: " + keyId + "\n"
                + "The certificate will be automatically refreshed when necessary.\n"
                + "Certificate written to " + key + "-cert.pub\n"
                + "No ssh-agent running (SSH_AUTH_SOCK unset): ssh -i " + key + " uses " + key + "-cert.pub by itself.\n";
    }

    private int certificatesOfDeployJob() {
        return realm.admin().getEvents(List.of("TOKEN_EXCHANGE"), null, ServiceAccounts.userId(realm.admin(), "ci-deploy"),
                null, null, null, 0, 1000).size();
    }

    @Test
    void automationScriptLoadsRefreshesAndChecksTheCertificate() throws Exception {
        Path key = dir.resolve("ci_deploy");
        Path cert = dir.resolve("ci_deploy-cert.pub");
        String[] automation = {"--client-id", "ci-deploy", "--client-secret-file", secretFile("ci-deploy").toString(),
                "--key", key.toString()};

        Run first = cli(Map.of(), automation);
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(keyId(cert).matches("mfa-demo:service-account:ci-deploy:\\d+"), keyId(cert));
        assertEquals("Created a new Ed25519 key: " + key + "\n" + generated(expiry(cert), keyId(cert), key), first.out());
        assertEquals("", first.err());

        try (Sshd sshd = Sshd.start(Files.createDirectories(dir.resolve("sshd")), new DeviceLogin(realm.getBaseUrl()).caPub(),
                new DeviceLogin(realm.getBaseUrl()).krl(), "deploy")) {
            // The sample script's second line: ssh finds <key>-cert.pub next to the key by itself.
            Sshd.Result deployed = sshd.ssh(Map.of(), "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none");
            assertEquals(0, deployed.exitCode(), deployed.output() + sshd.log());
            assertTrue(deployed.output().contains("logged-in-as-" + sshd.account), deployed.output());

            // Run again: the certificate is still good, nothing is fetched and the file stays as it was.
            String certificate = Files.readString(cert);
            int issued = certificatesOfDeployJob();
            Run second = cli(Map.of(), automation);
            assertEquals(0, second.exitCode(), second.all());
            assertTrue(second.out().matches("Your certificate is still valid until " + Pattern.quote(expiry(cert))
                    + " \\(5[89] minutes left\\): nothing to do\\.\n"
                    + Pattern.quote("No ssh-agent running (SSH_AUTH_SOCK unset): ssh -i " + key + " uses " + cert
                    + " by itself.") + "\n"), second.all());
            assertEquals(certificate, Files.readString(cert));
            assertEquals(issued, certificatesOfDeployJob(), "a new certificate was signed");

            Run valid = cli(Map.of(), "--check", "--key", key.toString());
            assertEquals(0, valid.exitCode(), valid.all());
            assertTrue(valid.out().matches("Your certificate is valid until " + Pattern.quote(expiry(cert))
                    + " \\(5[89] minutes left\\)\\.\n"
                    + Pattern.quote("  Certificate: " + cert + "\n  Principals: deploy\n  Key ID: " + keyId(cert)) + "\n"),
                    valid.all());

            // A one-second certificate, then later: expired; a plain run replaces it.
            Run shortLived = cli(Map.of(), append(automation, "--ttl", "1", "--force"));
            assertEquals(0, shortLived.exitCode(), shortLived.all());
            Thread.sleep(2_500);
            Run expired = cli(Map.of(), "status", "--key", key.toString());
            assertEquals(11, expired.exitCode(), expired.all());
            assertEquals("Your certificate expired at " + expiry(cert) + ": run hpc-ssh-cert to load a new one.\n", expired.out());
            assertNotEquals(0, sshd.ssh(Map.of(), "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none")
                    .exitCode(), "expired certificate accepted");
            String expiredAt = expiry(cert);
            Run refreshed = cli(Map.of(), automation);
            assertEquals(0, refreshed.exitCode(), refreshed.all());
            assertEquals("Your certificate expired at " + expiredAt + ": refreshing it.\n"
                    + generated(expiry(cert), keyId(cert), key), refreshed.out());
            assertEquals(0, sshd.ssh(Map.of(), "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none")
                    .exitCode(), sshd.log());

            // Signed by some other CA (a crafted certificate for the same key): not the realm's.
            Sshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("other-ca").toString()), Map.of());
            Sshd.run(List.of("ssh-keygen", "-q", "-s", dir.resolve("other-ca").toString(), "-I", "crafted", "-n", "deploy",
                    "-V", "-1m:+1h", key + ".pub"), Map.of());
            String otherCa = Sshd.run(List.of("ssh-keygen", "-l", "-f", dir.resolve("other-ca.pub").toString()), Map.of())
                    .output().split(" ")[1];
            Run foreign = cli(Map.of(), "--check", "--key", key.toString());
            assertEquals(12, foreign.exitCode(), foreign.all());
            assertEquals("Your certificate is not signed by the current SSH CA of realm mfa-demo (its CA is " + otherCa
                    + "): run hpc-ssh-cert to load a new one.\n", foreign.out());
            Run replaced = cli(Map.of(), automation);
            assertEquals(0, replaced.exitCode(), replaced.all());
            assertTrue(replaced.out().startsWith("Your certificate is not signed by the current SSH CA of realm mfa-demo: "
                    + "replacing it.\nGenerating SSH certificate...\n"), replaced.all());
            assertEquals(0, sshd.ssh(Map.of(), "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none")
                    .exitCode(), sshd.log());
        }

        Files.delete(cert);
        Run missing = cli(Map.of(), "--check", "--key", key.toString());
        assertEquals(10, missing.exitCode(), missing.all());
        assertEquals("Your request does not provide a valid certificate: there is no certificate at " + cert
                + ". Run hpc-ssh-cert to load one.\n", missing.out());
    }

    @Test
    void refusalsShowTheServersTextAndWhatToDo() throws Exception {
        Path key = dir.resolve("unlisted");
        String unlisted = ServiceAccounts.create(realm.admin(), "ci-unlisted", List.of("deploy"));
        String secret = TerminalApi.secret(realm.admin(), unlisted);

        // The secret from the environment this time, as CI systems pass it.
        Run refused = cli(Map.of("HPC_SSH_CERT_CLIENT_SECRET", secret), "--client-id", unlisted, "--key", key.toString());
        assertEquals(3, refused.exitCode(), refused.all());
        assertEquals("Created a new Ed25519 key: " + key + "\nGenerating SSH certificate...\n", refused.out());
        assertEquals("Error: no certificate (service_account_not_allowed).\n"
                + "  Server says: The service account of client '" + unlisted + "' may not get SSH certificates in this "
                + "realm: an admin must list the client in 'Service accounts allowed to get certificates'.\n"
                + "  What to do: Ask the realm admin to add client '" + unlisted + "' to 'Service accounts allowed to get "
                + "certificates' on the realm's SSH CA.\n", refused.err());

        Run wrongSecret = cli(Map.of("HPC_SSH_CERT_CLIENT_SECRET", "not-the-secret"), "--client-id", unlisted,
                "--key", key.toString());
        assertEquals(3, wrongSecret.exitCode(), wrongSecret.all());
        assertEquals("Error: the service account could not log in (unauthorized_client).\n"
                + "  Server says: Invalid client or Invalid client credentials\n"
                + "  What to do: Check --client-id and the secret; the realm admin keeps 'Client authentication' and "
                + "'Service accounts roles' on for client '" + unlisted + "'.\n", wrongSecret.err());

        // Allowed, but no login name on the service account.
        String bare = ServiceAccounts.create(realm.admin(), "ci-bare", List.of());
        SshAdminApi.configure(realm, Map.of("service-account-clients", List.of("ci-deploy", bare)));
        Run noPrincipals = cli(Map.of(), "--client-id", bare, "--client-secret-file", secretFile(bare).toString(),
                "--key", key.toString());
        assertEquals(3, noPrincipals.exitCode(), noPrincipals.all());
        assertEquals("Error: no certificate (no_principals).\n"
                + "  Server says: The service account of client '" + bare + "' has no SSH principals: an admin sets the "
                + "attribute 'ssh-principals' on its service-account user.\n"
                + "  What to do: Ask the realm admin to put the SSH login names on the service-account user of '" + bare
                + "' (attribute ssh-principals, unless the realm uses another).\n", noPrincipals.err());

        Run unreachable = cli(Map.of("HPC_SSH_CERT_CLIENT_SECRET", secret), "--server", "http://127.0.0.1:9",
                "--client-id", unlisted, "--key", key.toString());
        assertEquals(4, unreachable.exitCode(), unreachable.all());
        assertTrue(unreachable.err().startsWith("Error: cannot reach http://127.0.0.1:9/realms/mfa-demo/protocol/"
                + "openid-connect/token: "), unreachable.all());
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
