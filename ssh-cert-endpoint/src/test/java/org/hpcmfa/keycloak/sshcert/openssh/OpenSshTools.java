package org.hpcmfa.keycloak.sshcert.openssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real OpenSSH tools of the machine (ssh-keygen), the judges of what we encode. */
final class OpenSshTools {

    record Result(int exitCode, String output) {
    }

    private OpenSshTools() {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("TZ", "UTC"); // ssh-keygen -L prints validity in local time
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A user key made by ssh-keygen; returns its public key line. */
    static String userKey(Path dir, String name, String... typeArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name, "-f", dir.resolve(name).toString()));
        command.addAll(List.of(typeArgs));
        Result result = run(command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.output());
        }
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }
}
