package org.hpcmfa.keycloak.it.sshcert;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on a loopback port that trusts the realm's CA: the account it logs in to is the one
 * running the tests, mapped to the certificate principal through AuthorizedPrincipalsFile.
 */
public final class Sshd implements AutoCloseable {

    public record Result(int exitCode, String output) {
    }

    final Path dir;
    public final int port;
    public final String account = System.getProperty("user.name");
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Sshd start(Path dir, String caPub, byte[] krl, String principal) throws Exception {
        return start(dir, caPub, krl, principal, List.of("AuthorizedPrincipalsFile " + dir.resolve("principals") + "/%u"));
    }

    /** An sshd whose principals come from {@code principalsConfig} (AuthorizedPrincipalsCommand lines, for one). */
    public static Sshd start(Path dir, String caPub, byte[] krl, String principal, List<String> principalsConfig)
            throws Exception {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host").toString()), Map.of());
        Files.createDirectories(dir.resolve("principals"));
        Sshd sshd;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> config = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host"),
                "PidFile " + dir.resolve("sshd.pid"),
                "TrustedUserCAKeys " + dir.resolve("ca.pub"),
                "RevokedKeys " + dir.resolve("krl"),
                "AuthorizedKeysFile none",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE"));
        config.addAll(principalsConfig);
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", config) + "\n");
        Files.createDirectories(Path.of("/run/sshd"));
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile());
        sshd = new Sshd(dir, port, builder.start());
        sshd.trust(caPub);
        sshd.revoked(krl);
        sshd.principals(principal);
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return sshd;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    /** sshd reads these files at every connection: tests change them between logins. */
    public void trust(String caPub) throws IOException {
        Files.writeString(dir.resolve("ca.pub"), caPub);
    }

    public void revoked(byte[] krl) throws IOException {
        Files.write(dir.resolve("krl"), krl);
    }

    public void principals(String... names) throws IOException {
        Files.writeString(dir.resolve("principals").resolve(account), String.join("\n", names) + "\n");
    }

    /** {@code ssh ... true}, non-interactive, with extra options (key, certificate or agent). */
    public Result ssh(Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10"));
        command.addAll(List.of(options));
        command.add(account + "@127.0.0.1");
        command.add("echo logged-in-as-$(whoami)");
        return run(command, env);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    public static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("TZ", "UTC");
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
