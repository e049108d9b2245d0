package org.hpcmfa.keycloak.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's own log file, as an admin reads it after an upgrade (docs/keycloak-versions.md): Keycloak writes
 * it next to its console output. One file per test JVM (its process id and start time in the name), so a run
 * never reads the start-up of an earlier one.
 */
public final class ServerLog {

    static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "hpc-mfa-server-logs",
            "keycloak-" + ProcessHandle.current().pid() + "-"
                    + ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L) + ".log");

    private ServerLog() {
    }

    /** The lines Keycloak logged up to and including the line that says it started. */
    public static List<String> startUp() throws IOException {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" started in ")) {
                return lines.subList(0, i + 1);
            }
        }
        throw new AssertionError("the server log " + FILE + " has no start-up line (\"... started in ...\")");
    }
}
