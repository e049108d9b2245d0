package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hpcmfa.keycloak.it.PackJars;

/**
 * {@code client/mfa} at a person's terminal: under a pseudo-terminal ({@code script}, from util-linux), so the
 * command sees a terminal as it does on a laptop (the password unechoed, a mistyped code may be typed again). The
 * test reads the screen and types answers; the screen is the pseudo-terminal's output, without carriage returns.
 */
final class MfaTerminal implements AutoCloseable {

    private final Path screen;
    private final Process process;
    private final OutputStream keyboard;
    private int read;

    private MfaTerminal(Path screen, Process process) {
        this.screen = screen;
        this.process = process;
        this.keyboard = process.getOutputStream();
    }

    /** Starts {@code mfa --password --username USER ARGS} against the test server's realm, in {@code dir}. */
    static MfaTerminal start(Path dir, String realm, String clientId, String username, String... args) throws Exception {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("python3", PackJars.rootDir().resolve("client/mfa").toString(),
                "--server", "http://localhost:8080", "--realm", realm, "--client-id", clientId, "--password",
                "--username", username));
        command.addAll(List.of(args));
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        Path screen = Files.createTempFile(dir, "mfa-", ".screen");
        ProcessBuilder builder = new ProcessBuilder(List.of("script", "-qfec", line.toString().trim(), "/dev/null"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(screen.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HPC_MFA_") || name.startsWith("HPC_SSH_CERT_"));
        builder.environment().put("HPC_MFA_QR", "builtin"); // the pack's own encoder, even where qrencode is installed
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("LANG", "C.UTF-8");
        return new MfaTerminal(screen, builder.start());
    }

    /** Waits (30 s at most) until the screen shows {@code text} after what was read before; returns that part. */
    String waitFor(String text) throws Exception {
        for (int i = 0; i < 300; i++) {
            String shown = shown();
            int at = shown.indexOf(text, read);
            if (at >= 0) {
                String part = shown.substring(read, at + text.length());
                read = at + text.length();
                return part;
            }
            if (!process.isAlive() && i > 0) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the terminal did not show \"" + text + "\":\n" + shown());
    }

    /** Types a line and presses Enter. */
    void type(String answer) throws Exception {
        keyboard.write((answer + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits for the prompt, then types the answer. */
    String answer(String prompt, String answer) throws Exception {
        String part = waitFor(prompt);
        type(answer);
        return part;
    }

    /** The exit code, once the command ends (60 s at most). */
    int exitCode() throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mfa did not end:\n" + shown());
        return process.exitValue();
    }

    /** Everything the terminal showed. */
    String shown() throws Exception {
        return Files.readString(screen, StandardCharsets.UTF_8).replace("\r", "");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
