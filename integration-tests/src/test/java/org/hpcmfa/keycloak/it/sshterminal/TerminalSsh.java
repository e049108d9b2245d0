package org.hpcmfa.keycloak.it.sshterminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client as a person at a terminal: key first, then the keyboard-interactive prompt, answered
 * through SSH_ASKPASS (forced), so the test sees the exact prompt text and answers when it is ready (after
 * reading the mail or tapping approve on the simulated phone).
 */
final class TerminalSsh {

    record Result(int exitCode, String output) {
        boolean loggedInAs(String user) {
            return exitCode == 0 && output.contains("logged-in-as-" + user);
        }
    }

    private final PamSshd sshd;
    private final Path dir;
    private final Process process;

    private TerminalSsh(PamSshd sshd, Path dir, Process process) {
        this.sshd = sshd;
        this.dir = dir;
        this.process = process;
    }

    /** Starts {@code ssh user@127.0.0.1 'echo logged-in-as-$(whoami)'} with the key at {@code key}. */
    static TerminalSsh connect(PamSshd sshd, Path dir, String user, Path key) throws Exception {
        return connect(sshd, dir, user, key, Map.of(), List.of(), "echo logged-in-as-$(whoami)");
    }

    /**
     * The same with extra environment (an agent's {@code SSH_AUTH_SOCK}), extra options before the destination
     * ({@code -A}, {@code -N}) and the remote command (none with {@code -N}).
     */
    static TerminalSsh connect(PamSshd sshd, Path dir, String user, Path key, Map<String, String> env,
            List<String> options, String command) throws Exception {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(sshd.port)));
        ssh.addAll(clientOptions(key));
        ssh.addAll(options);
        ssh.add(user + "@127.0.0.1");
        if (command != null) {
            ssh.add(command);
        }
        return start(sshd, dir, ssh, env, Path.of("/dev/null"));
    }

    /**
     * {@code sftp} as a first connection, the same key and prompt, reading its commands from {@code batch} on
     * stdin ({@code sftp -b} would turn on BatchMode and with it off the prompt).
     */
    static TerminalSsh sftp(PamSshd sshd, Path dir, String user, Path key, Map<String, String> env,
            List<String> options, Path batch) throws Exception {
        List<String> sftp = new ArrayList<>(List.of("sftp", "-F", "/dev/null", "-P", String.valueOf(sshd.port)));
        sftp.addAll(clientOptions(key));
        sftp.addAll(options);
        sftp.add(user + "@127.0.0.1");
        return start(sshd, dir, sftp, env, batch);
    }

    private static List<String> clientOptions(Path key) {
        return List.of("-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "PreferredAuthentications=publickey,keyboard-interactive",
                "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=10");
    }

    private static TerminalSsh start(PamSshd sshd, Path dir, List<String> command, Map<String, String> env,
            Path stdin) throws Exception {
        Files.createDirectories(dir);
        Path askpass = dir.resolve("askpass");
        // Records the prompt, then waits (up to 60 s) for the test's answer file.
        Files.writeString(askpass, String.join("\n",
                "#!/bin/sh",
                "printf '%s' \"$1\" > '" + dir.resolve("prompt.tmp") + "'",
                "mv '" + dir.resolve("prompt.tmp") + "' '" + dir.resolve("prompt") + "'",
                "i=0",
                "while [ ! -f '" + dir.resolve("answer") + "' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done",
                "cat '" + dir.resolve("answer") + "'", ""));
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("ssh.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().put("SSH_ASKPASS", askpass.toString());
        builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
        builder.environment().put("DISPLAY", ":0");
        builder.environment().putAll(env);
        return new TerminalSsh(sshd, dir, builder.start());
    }

    /** The prompt sshd showed (info lines and question), once ssh asked for the answer. */
    String prompt() throws Exception {
        Path prompt = dir.resolve("prompt");
        for (int i = 0; i < 300 && !Files.exists(prompt); i++) {
            if (!process.isAlive()) {
                throw new AssertionError("ssh ended before any prompt: " + Files.readString(dir.resolve("ssh.out"))
                        + "\nsshd: " + sshd.log());
            }
            Thread.sleep(100);
        }
        if (!Files.exists(prompt)) {
            throw new AssertionError("no prompt within 30 s: " + Files.readString(dir.resolve("ssh.out")));
        }
        return Files.readString(prompt, StandardCharsets.UTF_8);
    }

    /** Types the answer and presses Enter (an empty answer is just Enter). */
    void answer(String answer) throws Exception {
        Path tmp = dir.resolve("answer.tmp");
        Files.writeString(tmp, answer + "\n");
        Files.move(tmp, dir.resolve("answer"));
    }

    /** Ends a connection that runs no command ({@code -N}). */
    void close() {
        process.destroyForcibly();
    }

    Result result() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ssh did not finish: " + Files.readString(dir.resolve("ssh.out")));
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("ssh.out")) + "\n--- sshd log:\n" + sshd.log());
    }

    /** The client hangs up while the prompt is shown, as Ctrl-C at the prompt does. */
    void hangUp() throws Exception {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
