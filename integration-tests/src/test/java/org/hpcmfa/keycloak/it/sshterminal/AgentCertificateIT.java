package org.hpcmfa.keycloak.it.sshterminal;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PAM_BUILD;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The certificate into the forwarded agent (VSC): after a terminal-prompt login with {@code ssh -A}, the login
 * node's /etc/ssh/sshrc (login-node/sshrc, calling hpc-mfa-agent-add) puts the certificate the helper spooled into
 * the person's real ssh-agent, with the certificate's lifetime; then ssh and sftp to a host that trusts the realm
 * CA connect without any prompt. That host is a certificates-only sshd (TrustedUserCAKeys, no authorized keys,
 * no PAM; {@link Sshd}), not the prompt's sshd: skipping the prompt there for certificate logins is item 3.
 */
@Needs({ROOT, PAM_BUILD, OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3, CHROMIUM})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class AgentCertificateIT {

    /** The demo realm CA's default-ttl-seconds: the certificate's and the agent's lifetime. */
    private static final long CA_TTL = 3600;
    private static final Pattern LIFE = Pattern.compile("ssh-ed25519-cert-v01@openssh\\.com .*\\(life: (\\d+)\\)");
    private static final Pattern VALID_TO = Pattern.compile("Valid: from \\S+ to (\\S+)");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    PamSshd sshd;
    String secret;
    String sshrc;
    Path spool;
    Process agent;
    Path agentSocket;

    @BeforeEach
    void start() throws Exception {
        secret = TerminalApi.secret(realm.admin(), "ssh-gateway");
        Path hook = dir.resolve("hpc-mfa-agent-add");
        Files.copy(PamSshd.LOGIN_NODE.resolve("hpc-mfa-agent-add"), hook);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        spool = dir.resolve("agent-spool");
        // login-node/sshrc with the test's paths (the shipped file calls /usr/local/lib/hpc-mfa/hpc-mfa-agent-add).
        sshrc = Files.readString(PamSshd.LOGIN_NODE.resolve("sshrc"))
                .replace("/usr/local/lib/hpc-mfa/hpc-mfa-agent-add", hook + " " + spool);
        assertTrue(sshrc.contains(hook + " " + spool + " </dev/null"), sshrc);
        sshd = PamSshd.start(dir, realm.getBaseUrl(), "ssh-gateway", secret, sshrc);
        PamSshd.configure(dir, realm.getBaseUrl(), "ssh-gateway", "agent_certificate = yes", "agent_spool = " + spool);
        agentSocket = dir.resolve("agent.sock");
        // -d: in the foreground, logging each added identity with its lifetime constraint ("(life: N)").
        agent = new ProcessBuilder("ssh-agent", "-d", "-a", agentSocket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(agentSocket); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(agentSocket), "ssh-agent did not start");
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
        sshd.close();
    }

    @Test
    void withSshDashATheCertificateLandsInTheAgentForItsLifetimeAndSshAndSftpNeedNoPrompt() throws Exception {
        String user = TestUsers.create(realm.admin(), "ag-fwd", "example.org", false, true);
        long before = System.currentTimeMillis() / 1000;
        TerminalSsh.Result first = login(user, List.of("-A"), "echo logged-in-as-$(whoami)");
        assertTrue(first.loggedInAs(user), first.output());

        String agentKeys = agent("ssh-add", "-L");
        String certificate = agentKeys.lines().filter(l -> l.startsWith("ssh-ed25519-cert-v01@openssh.com "))
                .findFirst().orElseThrow(() -> new AssertionError("no certificate in the agent: " + agentKeys));
        Files.writeString(dir.resolve("agent-cert.pub"), certificate + "\n");
        String listed = PamSshd.run("ssh-keygen", "-L", "-f", dir.resolve("agent-cert.pub").toString());
        assertTrue(listed.contains("Principals: \n                " + user), listed);
        Matcher to = VALID_TO.matcher(listed);
        assertTrue(to.find(), listed);
        long validBefore = LocalDateTime.parse(to.group(1)).toEpochSecond(ZoneOffset.UTC);
        assertTrue(Math.abs(validBefore - before - CA_TTL) <= 120, "the CA's validity: " + listed);
        // The agent's own constraint (ssh-add -t): the seconds the certificate had left when it was added.
        Matcher life = LIFE.matcher(Files.readString(dir.resolve("agent.log")));
        assertTrue(life.find(), Files.readString(dir.resolve("agent.log")));
        long lifetime = Long.parseLong(life.group(1));
        assertTrue(lifetime > CA_TTL - 120 && lifetime <= validBefore - before, "agent lifetime " + lifetime);
        assertTrue(agent("ssh-add", "-l").contains("hpc-mfa:" + user + "@"), "named after the user and node");
        assertEquals(List.of(), spoolFiles(user), "the spool is deleted once the certificate is in the agent");

        // The next hops: a host that trusts the realm CA, BatchMode (no prompt could be answered), only the agent.
        Path otherHost = Files.createDirectories(dir.resolve("ca-sshd"));
        try (Sshd trusting = Sshd.start(otherHost, get("/ssh-ca/ca.pub"), getBytes("/ssh-ca/krl"), user)) {
            Map<String, String> withAgent = Map.of("SSH_AUTH_SOCK", agentSocket.toString());
            Sshd.Result second = trusting.ssh(withAgent, "-o", "IdentityFile=/dev/null");
            assertEquals(0, second.exitCode(), second.output() + trusting.log());
            assertTrue(second.output().contains("logged-in-as-" + trusting.account), second.output());
            assertTrue(trusting.log().contains("ED25519-CERT") && trusting.log().contains(":" + user + ":"),
                    "signed in with the agent's certificate: " + trusting.log());
            Sshd.Result sftp = sftp(trusting, withAgent, "pwd");
            assertEquals(0, sftp.exitCode(), sftp.output() + trusting.log());
            assertTrue(sftp.output().contains("Remote working directory"), sftp.output());
            Sshd.Result refused = trusting.ssh(Map.of(), "-o", "IdentityFile=/dev/null", "-o", "IdentityAgent=none");
            assertNotEquals(0, refused.exitCode(), "without the agent the host lets no one in: " + refused.output());
        }
    }

    /**
     * VSC's whole story on one login node: the device mode's link at the first {@code ssh -A}, the browser login,
     * the certificate in the agent, and the next connections to the same node through that agent without the link.
     */
    @Test
    void afterTheLinkAtThePromptTheNextConnectionsToTheSameNodeNeedNoLink() throws Exception {
        sshd.close();
        Path node = Files.createDirectories(dir.resolve("device-node"));
        Files.writeString(node.resolve("realm-ca.pub"), get("/ssh-ca/ca.pub"));
        sshd = PamSshd.start(node, realm.getBaseUrl(), "ssh-gateway", secret,
                "mode=device certificates=accept ca=" + node.resolve("realm-ca.pub") + " timeout=90",
                "sshd_config.d-hpc-mfa-device.conf", "TrustedUserCAKeys " + node.resolve("realm-ca.pub"), sshrc);
        PamSshd.configure(node, realm.getBaseUrl(), "ssh-gateway", "agent_certificate = yes", "agent_spool = " + spool);
        String user = TestUsers.create(realm.admin(), "ag-dev", "example.org", false, true);

        TerminalSsh first = TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key(user),
                Map.of("SSH_AUTH_SOCK", agentSocket.toString()), List.of("-A"), "echo logged-in-as-$(whoami)");
        String prompt = first.prompt();
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            SshDeviceModeIT.logInWithTotp(chromium, new LoginDriver(chromium.managed(), realm),
                    SshDeviceModeIT.link(prompt), user);
        }
        first.answer("");
        TerminalSsh.Result opened = first.result();
        assertTrue(opened.loggedInAs(user), opened.output());
        assertTrue(agent("ssh-add", "-L").contains("ssh-ed25519-cert-v01@openssh.com "), "the certificate is in");

        // Only the agent's keys: its plain ephemeral key is in no authorized_keys, its certificate is the realm
        // CA's, so sshd accepts the certificate and the PAM step asks nothing (no prompt reaches the askpass).
        Sshd.Result again = unattended(user, Map.of("SSH_AUTH_SOCK", agentSocket.toString()), null);
        assertEquals(0, again.exitCode(), again.output() + sshd.log());
        assertTrue(again.output().contains("logged-in-as-" + user), again.output());
        assertFalse(Files.exists(dir.resolve("asked")), "a prompt was shown: " + again.output());
        assertTrue(sshd.log().contains("ED25519-CERT"), "the certificate logged in: " + sshd.log());
        // The person's own key without the agent: sshd accepts it, and the PAM step shows the link again.
        Sshd.Result plain = unattended(user, Map.of(), key(user));
        assertNotEquals(0, plain.exitCode(), plain.output());
        assertTrue(Files.exists(dir.resolve("asked")) && Files.readString(dir.resolve("asked")).contains("press Enter"),
                "the link's prompt was shown for the plain key: " + plain.output());
    }

    /**
     * ssh to the login node that cannot answer a prompt: any prompt goes to an askpass program that writes it to
     * {@code asked} and ends ssh (SSH_ASKPASS_REQUIRE=force). With {@code key} null, only the agent's keys.
     */
    private Sshd.Result unattended(String user, Map<String, String> env, Path key) throws Exception {
        Path askpass = dir.resolve("askpass");
        // ssh sends an empty answer when the askpass fails, which the link's prompt would take as "done" and wait
        // for the browser: so the askpass hangs up ssh itself (its parent), as a person pressing Ctrl-C.
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> " + dir.resolve("asked")
                + "\nkill -TERM $PPID\nexit 1\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(sshd.port),
                "-o", "NumberOfPasswordPrompts=1", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10"));
        command.addAll(key == null ? List.of("-o", "IdentityFile=/dev/null")
                : List.of("-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"));
        command.addAll(List.of(user + "@127.0.0.1", "echo logged-in-as-$(whoami)"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().putAll(env);
        builder.environment().put("SSH_ASKPASS", askpass.toString());
        builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ssh did not finish");
        return new Sshd.Result(p.exitValue(), output);
    }

    @Test
    void sftpAsTheFirstConnectionStillWorksAndLoadsTheAgent() throws Exception {
        // sshd runs /etc/ssh/sshrc for subsystems too; its stdout is the sftp protocol, so the hook must stay silent.
        String user = TestUsers.create(realm.admin(), "ag-sftp", "example.org", false, true);
        Path key = key(user);
        Path terminal = Files.createDirectories(dir.resolve(user + "-sftp"));
        Files.writeString(terminal.resolve("batch"), "pwd\n");
        TerminalSsh ssh = TerminalSsh.sftp(sshd, terminal, user, key, Map.of("SSH_AUTH_SOCK", agentSocket.toString()),
                List.of("-o", "ForwardAgent=yes"), terminal.resolve("batch"));
        ssh.prompt();
        ssh.answer(TestUsers.totpNow());
        TerminalSsh.Result result = ssh.result();
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Remote working directory"), result.output());
        assertTrue(agent("ssh-add", "-L").contains("ssh-ed25519-cert-v01@openssh.com "), "the certificate is in");
    }

    @Test
    void withoutAForwardedAgentNothingIsStoredAndTheLoginWorks() throws Exception {
        String user = TestUsers.create(realm.admin(), "ag-none", "example.org", false, true);
        TerminalSsh.Result result = login(user, List.of(), "echo logged-in-as-$(whoami) agent=${SSH_AUTH_SOCK:-none}");
        assertTrue(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("agent=none"), result.output());
        Process list = agentProcess("ssh-add", "-l");
        assertEquals(1, list.waitFor(), "the local agent holds nothing");
        assertEquals(List.of(), spoolFiles(user), "the spool is deleted: nothing stays on the login node");
    }

    @Test
    void theSpooledCertificateIsReadableByItsUserOnly() throws Exception {
        // ssh -N opens no session, so sshrc never runs and the spool stays until it expires: the moment to attack it.
        String user = TestUsers.create(realm.admin(), "ag-spool", "example.org", false, true);
        String other = "ag-other" + (System.nanoTime() % 100000);
        sshd.account(other, Files.readString(Path.of(key(other) + ".pub")).trim());
        TerminalSsh ssh = TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key(user), Map.of(),
                List.of("-N"), null);
        try {
            ssh.prompt();
            ssh.answer(TestUsers.totpNow());
            Path userSpool = spool.resolve(PamSshd.run("id", "-u", user).trim());
            for (int i = 0; i < 100 && !Files.exists(userSpool.resolve("agent")); i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of("agent", "key", "key-cert.pub"), spoolFiles(user), sshd.log());
            assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)));
            assertEquals("root", Files.getOwner(spool).getName());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(userSpool)));
            for (String name : List.of("", "key", "key-cert.pub", "agent")) {
                Path file = name.isEmpty() ? userSpool : userSpool.resolve(name);
                assertEquals(user, Files.getOwner(file).getName(), file.toString());
            }
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(userSpool.resolve("key"))));
            Process read = new ProcessBuilder("runuser", "-u", other, "--", "cat", userSpool.resolve("key").toString())
                    .redirectErrorStream(true).start();
            String output = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, read.waitFor(), output);
            assertTrue(output.contains("Permission denied") && !output.contains("PRIVATE KEY"), output);
            Process list = new ProcessBuilder("runuser", "-u", other, "--", "ls", spool.toString())
                    .redirectErrorStream(true).start();
            assertNotEquals(0, list.waitFor(), "the spool's directory cannot be listed by others");
        } finally {
            ssh.close();
        }
    }

    private TerminalSsh.Result login(String user, List<String> options, String command) throws Exception {
        TerminalSsh ssh = TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key(user),
                Map.of("SSH_AUTH_SOCK", agentSocket.toString()), options, command);
        String prompt = ssh.prompt();
        assertTrue(prompt.endsWith("Enter your code: "), prompt);
        ssh.answer(TestUsers.totpNow());
        return ssh.result();
    }

    private Path key(String user) throws Exception {
        Path key = dir.resolve(user + "-id");
        if (!Files.exists(key)) {
            PamSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
            sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        }
        return key;
    }

    private List<String> spoolFiles(String user) throws Exception {
        Path userSpool = spool.resolve(PamSshd.run("id", "-u", user).trim());
        if (!Files.isDirectory(userSpool)) {
            return List.of();
        }
        try (var files = Files.list(userSpool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Process agentProcess(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        return builder.start();
    }

    private String agent(String... command) throws Exception {
        Process p = agentProcess(command);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static Sshd.Result sftp(Sshd host, Map<String, String> env, String batch) throws Exception {
        List<String> command = new ArrayList<>(List.of("sftp", "-F", "/dev/null", "-P", String.valueOf(host.port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentityFile=/dev/null", "-b", "-", host.account + "@127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().write((batch + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sftp did not finish");
        return new Sshd.Result(p.exitValue(), output);
    }

    private String get(String path) throws Exception {
        return new String(getBytes(path), StandardCharsets.UTF_8);
    }

    private byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realm.getBaseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }
}
