package org.hpcmfa.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.keycloak.common.Version;

/**
 * Which Keycloak the suite runs against: the version the pack is compiled for, or another 26 minor of the
 * version matrix (integration-tests/pom.xml, profile {@code keycloak-matrix}).
 *
 * <p>Keycloak's test framework always runs the distribution of its own version: it looks for
 * {@code ../../dist/target/keycloak-<its version>.zip} relative to the working directory (Keycloak's own source
 * tree), else resolves {@code keycloak-quarkus-dist} of the build. For another minor, the build gives each matrix
 * run its own working directory two levels below a folder of its own, and this class puts the other distribution
 * there under the name the framework expects, with its top folder renamed the same way. Nothing else changes:
 * the same jars, options, realm and tests.
 */
public final class KeycloakUnderTest {

    /** The distribution zip of another minor (set by the matrix executions), absent for the pinned version. */
    static final String DIST_ZIP_PROPERTY = "pack.keycloakDistZip";
    /** The version that zip holds; what the server must report. */
    static final String VERSION_PROPERTY = "pack.keycloakVersion";

    private KeycloakUnderTest() {
    }

    /** The Keycloak version the server under test must report. */
    public static String version() {
        return System.getProperty(VERSION_PROPERTY, Version.VERSION);
    }

    /** Before the framework prepares its distribution: stage the matrix's one where the framework will look. */
    static void stageDistribution() {
        String zip = System.getProperty(DIST_ZIP_PROPERTY);
        if (zip == null || zip.isBlank()) {
            return;
        }
        Path source = Path.of(zip);
        Path target = Path.of("..", "..", "dist", "target", "keycloak-" + Version.VERSION + ".zip")
                .toAbsolutePath().normalize();
        if (Files.isRegularFile(target)) {
            return;
        }
        System.out.println("[keycloak-matrix] integration tests run against Keycloak " + version()
                + " (" + source.getFileName() + "); the pack is compiled against " + Version.VERSION);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            renameTopFolder(source, partial, "keycloak-" + Version.VERSION + "/");
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage " + source + " for the version matrix", e);
        }
    }

    /** Copies a distribution zip, its top folder (keycloak-X.Y.Z/) renamed. Jars are stored, not recompressed. */
    private static void renameTopFolder(Path source, Path target, String newTop) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.setLevel(Deflater.NO_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(newTop + name.substring(slash + 1)));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }
}
