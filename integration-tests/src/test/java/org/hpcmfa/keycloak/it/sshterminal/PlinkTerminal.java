package org.hpcmfa.keycloak.it.sshterminal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PuTTY's command-line client, the Windows users' client, as a person at a terminal: plink shows
 * keyboard-interactive prompts on its terminal only, so it runs under a pseudo-terminal ({@code script}, from
 * util-linux), with the key converted to PuTTY's format by puttygen and the host key pinned by its fingerprint.
 */
final class PlinkTerminal {

    private final Path output;
    private final Process process;
    private final OutputStream keyboard;

    private PlinkTerminal(Path output, Process process) {
        this.output = output;
        this.process = process;
        this.keyboard = process.getOutputStream();
    }

    /** Starts {@code plink user@127.0.0.1 'echo logged-in-as-$(whoami)'} with the OpenSSH key at {@code key}. */
    static PlinkTerminal connect(PamSshd sshd, Path dir, String user, Path key) throws Exception {
        Files.createDirectories(dir);
        Path ppk = dir.resolve("key.ppk");
        PamSshd.run("puttygen", key.toString(), "-O", "private", "-o", ppk.toString());
        String hostKey = PamSshd.run("ssh-keygen", "-l", "-f", sshd.dir.resolve("host.pub").toString()).split("\\s+")[1];
        String command = "plink -ssh -P " + sshd.port + " -i " + ppk + " -hostkey " + hostKey + " " + user
                + "@127.0.0.1 'echo logged-in-as-$(whoami)'";
        Path output = dir.resolve("plink.out");
        Process process = new ProcessBuilder(List.of("script", "-qfec", command, "/dev/null"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new PlinkTerminal(output, process);
    }

    /** What plink has shown so far, once it shows {@code text} (within 30 s). */
    String waitFor(String text) throws Exception {
        for (int i = 0; i < 300; i++) {
            String shown = shown();
            if (shown.contains(text)) {
                return shown;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plink did not show \"" + text + "\": " + shown());
    }

    /** Presses Enter. */
    void enter() throws Exception {
        keyboard.write('\r');
        keyboard.flush();
    }

    String result() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("plink did not finish: " + shown());
        }
        return shown();
    }

    private String shown() throws Exception {
        return Files.readString(output, StandardCharsets.UTF_8).replace("\r", "");
    }
}
