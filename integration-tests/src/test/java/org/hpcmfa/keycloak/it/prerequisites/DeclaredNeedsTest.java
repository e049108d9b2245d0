package org.hpcmfa.keycloak.it.prerequisites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;

/**
 * Every test class declares in {@link Needs} what it runs outside the JDK (Chromium, sshd, ssh-keygen, python3,
 * PostgreSQL, the PAM build, root), itself or through the helpers it calls: otherwise it fails on a developer's
 * machine instead of being skipped with the others, and nobody notices until a newcomer runs {@code mvn verify}.
 */
class DeclaredNeedsTest {

    private static final Path TEST_SOURCES = PackJars.rootDir().resolve("integration-tests/src/test/java");

    @Test
    void everyTestClassDeclaresWhatItUses() {
        Map<String, Set<Prerequisite>> problems = new PrerequisiteScan(testSources()).undeclared();
        assertTrue(problems.isEmpty(), String.join("\n", PrerequisiteScan.describe(problems))
                + "\nAdd @Needs({...}) to each class (docs/testing.md, Running them).");
    }

    @Test
    void theScanSeesTheSuiteItsHelpersAndTheirPrograms() {
        PrerequisiteScan scan = new PrerequisiteScan(testSources());
        assertEquals(EnumSet.of(Prerequisite.CHROMIUM), scan.uses("PageGalleryIT"));
        assertEquals(EnumSet.of(Prerequisite.CHROMIUM, Prerequisite.OPENSSH_CLIENT, Prerequisite.OPENSSH_SERVER,
                Prerequisite.PYTHON3), scan.uses("VscJourneyIT"));
        assertEquals(EnumSet.of(Prerequisite.ROOT, Prerequisite.PAM_BUILD, Prerequisite.OPENSSH_CLIENT,
                Prerequisite.OPENSSH_SERVER), scan.uses("SshTerminalPromptIT"));
        assertTrue(scan.uses("ClusterIT").containsAll(EnumSet.of(Prerequisite.ROOT, Prerequisite.POSTGRESQL,
                Prerequisite.UNZIP)), scan.uses("ClusterIT").toString());
        assertEquals(EnumSet.noneOf(Prerequisite.class), scan.uses("DemoRealmIT"));
    }

    @Test
    void aMissingAnnotationIsCaughtDirectlyAndThroughHelpers() {
        String helper = """
                package x;
                /** Runs {@code "sshd"} in a comment only: comments do not count. */
                final class Keys {
                    record Result(int code) { }
                    static Result run(java.util.List<String> command) { return new Result(0); }
                    static void make() { run(java.util.List.of("ssh-keygen", "-q")); }
                    static Object browser() { return Browser.start(); }
                }
                """;
        String browser = """
                package x;
                final class Browser {
                    static final String BINARY = System.getProperty("b", "/usr/bin/chromium");
                    static Browser start() { System.out.println(BINARY); return new Browser(); }
                }
                """;
        Map<String, String> sources = new TreeMap<>(Map.of("Keys", helper, "Browser", browser,
                "RunsOnlyTheGenericRunnerIT", "class RunsOnlyTheGenericRunnerIT { void t() { Keys.run(null); } }",
                "MakesKeysIT", "class MakesKeysIT { void t() { Keys.make(); } }",
                "DeclaredIT", "@Needs(OPENSSH_CLIENT) class DeclaredIT { void t() { Keys.make(); } }",
                "BrowsesIT", "@Needs({Prerequisite.OPENSSH_CLIENT}) class BrowsesIT { void t() { Keys.browser(); } }",
                "BrowserTypeIT", "class BrowserTypeIT { Browser b; }",
                "PythonTest", "class PythonTest { void t() { new ProcessBuilder(\"python3\", \"-V\"); } }"));
        Map<String, Set<Prerequisite>> problems = new PrerequisiteScan(sources).undeclared();
        assertEquals(Map.of(
                "MakesKeysIT", EnumSet.of(Prerequisite.OPENSSH_CLIENT),
                "BrowsesIT", EnumSet.of(Prerequisite.CHROMIUM),
                "BrowserTypeIT", EnumSet.of(Prerequisite.CHROMIUM),
                "PythonTest", EnumSet.of(Prerequisite.PYTHON3)), problems);
        assertEquals("MakesKeysIT uses [OPENSSH_CLIENT] without @Needs for it",
                PrerequisiteScan.describe(Map.of("MakesKeysIT", EnumSet.of(Prerequisite.OPENSSH_CLIENT))).get(0));
    }

    @Test
    void aSubclassInheritsWhatItsSuperclassDeclares() {
        Map<String, String> sources = Map.of(
                "Journey", "@Needs(CHROMIUM) abstract class Journey { String b = \"/usr/bin/chromium\"; }",
                "WalkIT", "class WalkIT extends Journey { }",
                "SshWalkIT", "class SshWalkIT extends Journey { String s = \"ssh\"; }");
        assertEquals(Map.of("SshWalkIT", EnumSet.of(Prerequisite.OPENSSH_CLIENT)),
                new PrerequisiteScan(sources).undeclared());
    }

    /** Every test source but the mechanism's own (whose code names the programs it looks for). */
    private static Map<String, String> testSources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().endsWith("prerequisites")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                String previous = sources.put(name, Files.readString(file));
                assertEquals(null, previous, "two test sources named " + name + ": the scan goes by simple name");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(sources.size() > 50, "test sources not found under " + TEST_SOURCES);
        return sources;
    }
}
