package org.hpcmfa.keycloak.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/refresh-screenshots.sh copies every screenshot the browser tests write, the page gallery's and the admin
 * console's, and docs/screenshots.md lists each admin-console screenshot a test takes.
 */
class RefreshScreenshotsTest {

    private static final Pattern CONSOLE_SHOT = Pattern.compile("console\\.screenshot\\(\"([^\"]+)\"\\)");

    @TempDir
    Path checkout;

    @Test
    void copyOnlyCopiesTheGalleryAndTheAdminConsole() throws Exception {
        Path script = checkout.resolve("docs/refresh-screenshots.sh");
        Files.createDirectories(script.getParent());
        Files.copy(PackJars.rootDir().resolve("docs/refresh-screenshots.sh"), script);
        Path page = checkout.resolve("integration-tests/target/screenshots/keycloak.v2/en/portal-login.png");
        Path console = checkout.resolve("integration-tests/target/admin-console/credentials-tab.png");
        for (Path png : new Path[] {page, console}) {
            Files.createDirectories(png.getParent());
            Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        Process run = new ProcessBuilder("bash", script.toString(), "--copy-only").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        assertTrue(Files.exists(checkout.resolve("docs/screenshots/keycloak.v2/en/portal-login.png")), output);
        assertTrue(Files.exists(checkout.resolve("docs/screenshots/admin-console/credentials-tab.png")), output);
    }

    @Test
    void everyAdminConsoleScreenshotIsListedAndCommitted() throws IOException {
        Path root = PackJars.rootDir();
        Set<String> taken = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("integration-tests/src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher shot = CONSOLE_SHOT.matcher(Files.readString(file));
                while (shot.find()) {
                    taken.add(shot.group(1));
                }
            }
        }
        assertTrue(taken.size() >= 8, taken.toString());
        String list = Files.readString(root.resolve("docs/screenshots.md"));
        for (String name : taken) {
            String link = "screenshots/admin-console/" + name + ".png";
            assertTrue(list.contains("(" + link + ")"), "docs/screenshots.md does not list " + link);
            assertTrue(Files.isRegularFile(root.resolve("docs").resolve(link)), "not committed: docs/" + link);
        }
    }
}
