package org.hpcmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;

/**
 * Keycloak runs clustered: a login may start on one node and end on another, so the pack keeps no state in
 * static fields. This build check reads every provider module's main sources.
 */
class NoNodeLocalStateTest {

    @Test
    void noProviderModuleKeepsStaticMutableState() throws Exception {
        List<NodeLocalState.Finding> findings = new ArrayList<>();
        int files = 0;
        for (String module : PackJars.ARTIFACT_IDS) {
            Path sources = PackJars.rootDir().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue; // themes: templates and messages only
            }
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    findings.addAll(NodeLocalState.scan(PackJars.rootDir().relativize(file).toString(), Files.readString(file)));
                }
            }
        }
        assertTrue(files > 100, "only " + files + " source files found: the scan looks in the wrong place");
        assertEquals(List.of(), findings, "static state is node-local in a cluster: keep it in the authentication "
                + "session, the single-use store, credentials or the database");
    }

    @Test
    void theScanSeesStaticStateAndLetsConstantsBe() {
        String source = String.join("\n",
                "class Sample {",
                "    private static final Logger LOG = Logger.getLogger(Sample.class);",
                "    static final String NOTE = \"hpc.note\";",
                "    private static final Set<String> TYPES = Set.of(\"otp\",",
                "            \"hpc-push\");",
                "    static final List<String> BUILT;",
                "    static { BUILT = List.copyOf(Arrays.asList(\"a\")); }",
                "    private static final Map<String, Challenge> PENDING = new ConcurrentHashMap<>();",
                "    private static int counter;",
                "    public static volatile Instant lastSeen = Instant.now();",
                "    private static final AtomicLong SENT = new AtomicLong();",
                "    static final byte[] KEY = new byte[32];",
                "    static final List<String> FILLED;",
                "    static { FILLED = new ArrayList<>(); }",
                "    private final Map<String, String> perInstance = new HashMap<>();",
                "    static String helper(Map<String, String> in) { return null; }",
                "}");
        List<Integer> lines = NodeLocalState.scan("Sample.java", source).stream().map(NodeLocalState.Finding::line).toList();
        assertEquals(List.of(8, 9, 10, 11, 12, 13), lines);
    }
}
