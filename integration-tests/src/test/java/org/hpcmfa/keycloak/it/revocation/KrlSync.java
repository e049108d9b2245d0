package org.hpcmfa.keycloak.it.revocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.sshcert.Sshd;

/** login-node/hpc-krl-sync, run as the systemd timer runs it (once) or as a loop. */
public final class KrlSync {

    static final Path SCRIPT = Path.of("..", "login-node", "hpc-krl-sync").toAbsolutePath().normalize();

    private KrlSync() {
    }

    /** One sync of {@code output} from {@code realmUrl}. */
    public static Sshd.Result once(String realmUrl, Path output, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), "--url", realmUrl,
                "--output", output.toString(), "--timeout", "5"));
        command.addAll(List.of(extra));
        return Sshd.run(command, Map.of());
    }

    /** The loop mode, every {@code seconds}; the caller destroys the process. */
    public static Process loop(String realmUrl, Path output, double seconds, Path log) throws Exception {
        return new ProcessBuilder("python3", SCRIPT.toString(), "--url", realmUrl, "--output", output.toString(),
                "--timeout", "5", "--loop", String.valueOf(seconds), "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
