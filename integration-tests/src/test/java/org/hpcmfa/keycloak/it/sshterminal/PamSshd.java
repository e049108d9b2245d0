package org.hpcmfa.keycloak.it.sshterminal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hpcmfa.keycloak.it.PackJars;

/**
 * A real OpenSSH sshd on loopback that asks for the key, then for the second factor through PAM with the pack's
 * reference login-node integration (login-node/pam_hpc_mfa.c, built here with its Makefile, the admins' recipe, and
 * login-node/hpc-mfa-terminal):
 * the configuration an HPC admin installs, with test paths. sshd names its PAM service after its program name,
 * so a symlink called {@value #SERVICE}-RANDOM gets its own /etc/pam.d file and the machine's sshd stack is
 * untouched; the random part keeps test runs in parallel (other worktrees, CI) from replacing each other's file.
 * Needs root (sshd switches to the users), like the CI machine.
 */
final class PamSshd implements AutoCloseable {

    static final String SERVICE = "hpcmfa-it-sshd";
    static final Path LOGIN_NODE = PackJars.rootDir().resolve("login-node");

    final Path dir;
    final int port;
    private final Process process;
    /** This sshd's PAM service: its program name and its /etc/pam.d file. */
    private final String service;
    private final List<String> accounts = new ArrayList<>();
    private static final Path MACHINE_SSHRC = Path.of("/etc/ssh/sshrc");
    /** This sshd uses the machine's /etc/ssh/sshrc, which this class wrote and removes on close. */
    private boolean wroteMachineSshrc;

    private PamSshd(Path dir, int port, Process process, String service) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.service = service;
    }

    static PamSshd start(Path dir, String realmUrl, String clientId, String clientSecret) throws Exception {
        return start(dir, realmUrl, clientId, clientSecret, "timeout=90", "sshd_config.d-hpc-mfa.conf", "", null);
    }

    /**
     * The same, and with {@code sshrc} (not null) as this sshd's /etc/ssh/sshrc: sshd reads that fixed path, so the
     * test's sshd runs in its own mount namespace with a private /etc/ssh bound over the machine's (which stays
     * untouched).
     */
    static PamSshd start(Path dir, String realmUrl, String clientId, String clientSecret, String sshrc)
            throws Exception {
        return start(dir, realmUrl, clientId, clientSecret, "timeout=90", "sshd_config.d-hpc-mfa.conf", "", sshrc);
    }

    /**
     * The same with other options of pam_hpc_mfa (e.g. {@code mode=device certificates=accept}), another of the
     * shipped sshd_config.d files of login-node/, and further sshd configuration lines (e.g. {@code TrustedUserCAKeys}).
     */
    static PamSshd start(Path dir, String realmUrl, String clientId, String clientSecret, String pamOptions,
            String sshdConfigFile, String sshdConfig) throws Exception {
        return start(dir, realmUrl, clientId, clientSecret, pamOptions, sshdConfigFile, sshdConfig, null);
    }

    /** All of the above: PAM options, the shipped sshd_config.d file, extra sshd lines, an sshrc or null. */
    static PamSshd start(Path dir, String realmUrl, String clientId, String clientSecret, String pamOptions,
            String sshdConfigFile, String sshdConfig, String sshrc) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the terminal prompt tests run sshd with PAM and need root (CI runs as root)");
        }
        // The admins' build (warnings as errors, hardening flags), into this test's own directory.
        run("make", "-C", LOGIN_NODE.toString(), "OUT=" + dir, "all");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host").toString());
        // sshd reads authorized keys as the user: the (root-only) temporary directory must let them through.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("keys"));
        Files.setPosixFilePermissions(dir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("client-secret"), clientSecret + "\n");
        Files.setPosixFilePermissions(dir.resolve("client-secret"), PosixFilePermissions.fromString("rw-------"));
        configure(dir, realmUrl, clientId);
        String service = SERVICE + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(Path.of("/etc/pam.d", service), String.join("\n",
                "# written by the HPC MFA pack's integration tests (PamSshd)",
                "auth required " + dir.resolve("pam_hpc_mfa.so") + " helper=" + LOGIN_NODE.resolve("hpc-mfa-terminal")
                        + " config=" + dir.resolve("terminal.conf") + " " + pamOptions,
                "account required pam_permit.so",
                "session required pam_permit.so",
                "password required pam_deny.so", ""));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // The login-node lines of README (login-node/sshd_config.d-hpc-mfa.conf), plus test paths.
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("keys") + "/%u",
                "StrictModes no",
                "Subsystem sftp internal-sftp",
                Files.readString(LOGIN_NODE.resolve(sshdConfigFile)),
                sshdConfig,
                "LogLevel VERBOSE", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Path program = dir.resolve(service);
        Files.deleteIfExists(program);
        Files.createSymbolicLink(program, Path.of("/usr/sbin/sshd"));
        List<String> command = new ArrayList<>(List.of(program.toString(), "-D", "-e", "-f",
                dir.resolve("sshd_config").toString()));
        boolean machineSshrc = false;
        if (sshrc != null && mountNamespacesAllowed()) {
            Path etc = privateEtcSsh(dir, sshrc);
            command.addAll(0, List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount --bind \"$0\" /etc/ssh && exec \"$@\"", etc.toString()));
        } else if (sshrc != null) {
            // A runner without mount namespaces (a container without CAP_SYS_ADMIN): the machine's own
            // /etc/ssh/sshrc, as this class already writes /etc/pam.d, only where none exists, removed on close.
            if (Files.exists(MACHINE_SSHRC, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("no mount namespaces here, and " + MACHINE_SSHRC
                        + " exists: the test will not replace the machine's own file");
            }
            Files.writeString(MACHINE_SSHRC, sshrc);
            Files.setPosixFilePermissions(MACHINE_SSHRC, PosixFilePermissions.fromString("rw-r--r--"));
            machineSshrc = true;
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        PamSshd sshd = new PamSshd(dir, port, process, service);
        sshd.wroteMachineSshrc = machineSshrc;
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return sshd;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    /** Whether this process may make a private mount namespace (root on a host, not in every container). */
    private static boolean mountNamespacesAllowed() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    /** /etc/ssh as this sshd sees it: the sshrc, and the machine's moduli (no host keys: the test has its own). */
    private static Path privateEtcSsh(Path dir, String sshrc) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc-ssh"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(etc.resolve("sshrc"), sshrc);
        Files.setPosixFilePermissions(etc.resolve("sshrc"), PosixFilePermissions.fromString("rw-r--r--"));
        if (Files.exists(Path.of("/etc/ssh/moduli"))) {
            Files.copy(Path.of("/etc/ssh/moduli"), etc.resolve("moduli"));
        }
        return etc;
    }

    /**
     * The helper's configuration file, read at every login: tests point it elsewhere to stop Keycloak's answers,
     * or add lines ({@code agent_certificate = yes}).
     */
    static void configure(Path dir, String realmUrl, String clientId, String... extraLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "url = " + realmUrl,
                "client_id = " + clientId,
                "client_secret_file = " + dir.resolve("client-secret"),
                "timeout = 10"));
        lines.addAll(List.of(extraLines));
        lines.add("");
        Files.writeString(dir.resolve("terminal.conf"), String.join("\n", lines));
    }

    /** A Unix account for a Keycloak user (same name), logging in with this public key. */
    void account(String username, String publicKey) throws Exception {
        if (new ProcessBuilder("id", "-u", username).start().waitFor() != 0) {
            run("useradd", "-M", "-N", "-s", "/bin/sh", username);
        }
        accounts.add(username);
        Files.writeString(dir.resolve("keys").resolve(username), publicKey + "\n");
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        process.destroyForcibly();
        for (String account : accounts) {
            new ProcessBuilder("userdel", account).start().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(Path.of("/etc/pam.d", service));
        if (wroteMachineSshrc) {
            Files.deleteIfExists(MACHINE_SSHRC);
        }
    }
}
