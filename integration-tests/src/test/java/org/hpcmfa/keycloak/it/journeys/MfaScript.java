package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hpcmfa.keycloak.it.PackJars;

/** {@code client/mfa} as a script runs it: no terminal, the answers piped in, stdout and stderr apart. */
record MfaScript(int exitCode, String stdout, String stderr) {

    static MfaScript run(Path dir, String realm, String clientId, String username, String stdin, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", PackJars.rootDir().resolve("client/mfa").toString(),
                "--server", "http://localhost:8080", "--realm", realm, "--client-id", clientId, "--password",
                "--username", username));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HPC_MFA_") || name.startsWith("HPC_SSH_CERT_"));
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mfa did not end: " + out);
        return new MfaScript(process.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
