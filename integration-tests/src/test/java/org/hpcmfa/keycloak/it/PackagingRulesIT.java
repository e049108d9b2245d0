package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.keycloak.common.Version;

/**
 * What an admin copies into providers/ and what docker/ and the demo install: checked on the built jars and
 * files, so a rule broken by a later change fails the build instead of a server.
 */
class PackagingRulesIT {

    /** Class-file major version of Java 17: the pack must load on every JDK Keycloak 26 supports. */
    private static final int JAVA_17 = 61;

    @Test
    void providerJarsHoldOnlyThePacksOwnOrRelocatedClasses() throws IOException {
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            try (JarFile jar = new JarFile(PackJars.builtJar(artifactId).toFile())) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    boolean allowed = entry.isDirectory() || name.startsWith("META-INF/")
                            || name.startsWith("org/hpcmfa/keycloak/") || name.startsWith("theme/")
                            || name.startsWith("theme-resources/");
                    assertTrue(allowed, artifactId + ".jar carries " + name
                            + ": libraries Keycloak does not ship must be shaded and relocated under org/hpcmfa/keycloak/");
                }
            }
        }
    }

    @Test
    void noClassIsPackagedInTwoJars() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            try (JarFile jar = new JarFile(PackJars.builtJar(artifactId).toFile())) {
                for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    String previous = owner.putIfAbsent(entry.getName(), artifactId);
                    assertTrue(previous == null, entry.getName() + " is in both " + previous + " and " + artifactId);
                }
            }
        }
    }

    @Test
    void classesAreJava17Bytecode() throws IOException {
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            try (JarFile jar = new JarFile(PackJars.builtJar(artifactId).toFile())) {
                for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
                        assertEquals(0xCAFEBABE, data.readInt());
                        data.readUnsignedShort();
                        int major = data.readUnsignedShort();
                        assertTrue(major <= JAVA_17, entry.getName() + " has class version " + major);
                    }
                }
            }
        }
    }

    @Test
    void dockerImageUsesThisKeycloakVersionAndEveryJar() throws IOException {
        String dockerfile = Files.readString(PackJars.rootDir().resolve("docker/Dockerfile"));
        assertTrue(dockerfile.contains("ARG KEYCLOAK_VERSION=" + Version.VERSION + "\n"),
                "docker/Dockerfile must build on quay.io/keycloak/keycloak:" + Version.VERSION);
        assertEquals(PackJars.ARTIFACT_IDS, words(dockerfile, "for jar in ([^;]+);"), "jars the image installs");
        // The Quarkus settings the cluster tests run with (connection validation after a database restart).
        assertTrue(dockerfile.contains("COPY docker/quarkus.properties /opt/keycloak/conf/quarkus.properties"),
                "docker/Dockerfile must install docker/quarkus.properties");
        assertTrue(Files.readString(PackJars.rootDir().resolve("docker/quarkus.properties"))
                .contains("quarkus.datasource.jdbc.validate-on-borrow=true"));
    }

    @Test
    void demoInstallsEveryJarAndComposeImportsTheDemoRealm() throws IOException {
        Path root = PackJars.rootDir();
        assertEquals(PackJars.ARTIFACT_IDS, words(Files.readString(root.resolve("demo.sh")), "PROVIDER_JARS=\\(([^)]+)\\)"),
                "jars the demo installs");
        String compose = Files.readString(root.resolve("docker/compose.yaml"));
        assertTrue(compose.contains("../demo/mfa-demo-realm.json:/opt/keycloak/data/import/mfa-demo-realm.json"),
                "compose must import the same realm file as the demo");
        assertTrue(compose.contains("image: hpc-mfa-keycloak:" + Version.VERSION));
    }

    /** The admin console's readable credential names need master's admin theme: the demo and compose set it alike. */
    @Test
    void demoAndComposeGiveMasterThePacksAdminThemeFromOneFile() throws IOException {
        Path root = PackJars.rootDir();
        String settings = Files.readString(root.resolve("demo/master-realm-settings.json"));
        assertTrue(settings.matches("(?s)\\{\\s*\"adminTheme\"\\s*:\\s*\"hpc-mfa\"\\s*}\\s*"), settings);
        try (JarFile themes = new JarFile(PackJars.builtJar("themes").toFile())) {
            assertNotNull(themes.getEntry("theme/hpc-mfa/admin/theme.properties"), "the themes jar has the admin theme");
        }
        assertTrue(Files.readString(root.resolve("demo/DemoSidecar.java"))
                .contains("MASTER_SETTINGS = \"master-realm-settings.json\""), "the demo's sidecar applies the file");
        String compose = Files.readString(root.resolve("docker/compose.yaml"));
        assertTrue(compose.contains("../demo/master-realm-settings.json:/opt/keycloak/demo/master-realm-settings.json:ro"),
                "compose must mount the demo's master-realm settings");
        assertTrue(compose.contains("kcadm.sh update realms/master -f /opt/keycloak/demo/master-realm-settings.json"),
                "compose must apply them to master");
        assertTrue(Files.readString(root.resolve("demo/mfa-demo-realm.json")).contains("\"adminTheme\": \"hpc-mfa\""),
                "the demo realm's own admin console (/admin/mfa-demo/console) too");
    }

    /** Maven Central and the tools that read a pom see the licence the LICENSE file grants. */
    @Test
    void rootPomDeclaresTheApacheLicenceOfTheLicenseFile() throws IOException {
        Path root = PackJars.rootDir();
        assertTrue(Files.readString(root.resolve("LICENSE")).contains("Apache License\n                           Version 2.0"));
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher licenses = Pattern.compile("(?s)<licenses>\\s*<license>(.*?)</license>\\s*</licenses>").matcher(pom);
        assertTrue(licenses.find(), "the root pom.xml names no <licenses>");
        assertTrue(licenses.group(1).contains("<name>Apache-2.0</name>"), licenses.group(1));
        assertTrue(licenses.group(1).contains("<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>"), licenses.group(1));
    }

    private static List<String> words(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "pattern not found: " + regex);
        Set<String> words = new LinkedHashSet<>(List.of(m.group(1).trim().split("\\s+")));
        return new ArrayList<>(words);
    }
}
