package org.hpcmfa.keycloak.it.sshcert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.PackJars;

/**
 * {@code client/hpc-ssh-cert} in a terminal: started as a person starts it, read line by line until it shows the
 * one-time login URL, then to its end. Also the person's ssh-agent.
 */
public final class CertificateCommand implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("(http://\\S+/device\\S*)");

    private final Process process;
    private final BufferedReader out;
    private final StringBuilder transcript = new StringBuilder();

    private CertificateCommand(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static CertificateCommand start(String realm, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", PackJars.rootDir().resolve("client/hpc-ssh-cert").toString(),
                "--server", "http://localhost:8080", "--realm", realm));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("HPC_SSH_CERT_CLIENT_SECRET");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return new CertificateCommand(process);
    }

    /** Reads until the terminal shows the login URL, and returns it. */
    public String loginUrl() throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            transcript.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the terminal shows no login URL: " + transcript);
    }

    /** Reads to the end; returns the exit code. */
    public int finish() throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            transcript.append(line).append('\n');
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hpc-ssh-cert does not end: " + transcript);
        return process.exitValue();
    }

    public String transcript() {
        return transcript.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** A person's ssh-agent: its environment; stop it with {@link #stopAgent}. */
    public static Map<String, String> startAgent() throws Exception {
        String started = Sshd.run(List.of("ssh-agent", "-s"), Map.of()).output();
        Matcher sock = Pattern.compile("SSH_AUTH_SOCK=([^;]+);").matcher(started);
        Matcher pid = Pattern.compile("SSH_AGENT_PID=(\\d+);").matcher(started);
        assertTrue(sock.find() && pid.find(), started);
        return Map.of("SSH_AUTH_SOCK", sock.group(1), "SSH_AGENT_PID", pid.group(1));
    }

    public static void stopAgent(Map<String, String> agent) throws Exception {
        Sshd.run(List.of("ssh-agent", "-k"), agent);
    }
}
