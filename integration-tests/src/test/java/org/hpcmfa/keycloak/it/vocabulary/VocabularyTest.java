package org.hpcmfa.keycloak.it.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary across the modules (mfa-common's {@code CredentialTypes}, {@code EventErrors}, {@code JsonErrors}):
 * the main code of every module names event errors, credential types and JSON error bodies through it, so a
 * new module cannot start a sixth naming convention or a fifth hand-built error body unnoticed.
 */
class VocabularyTest {

    /** The pack's own credential types: spelled out only in CredentialTypes (provider ids may share the words). */
    private static final Set<String> CREDENTIAL_TYPES = Set.of("\"hpc-push\"", "\"hpc-email-otp\"", "\"hpc-sms\"", "\"hpc-ssh-key\"",
            "\"registration-token\"");
    private static final Pattern ERROR_LITERAL = Pattern.compile("(?<![A-Z_])\\.error\\(\\s*\"");
    private static final Pattern ERROR_CONSTANT = Pattern.compile("\\bERROR\\w*\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ERROR_BODY = Pattern.compile("put\\(\\s*\"error(_description)?\"");

    @Test
    void eventErrorsFollowTheOneNamingScheme() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mainSources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (ERROR_LITERAL.matcher(line).find()) {
                    problems.add(where(file, i) + " names an event error with a literal: use EventErrors or Errors");
                }
                Matcher constant = ERROR_CONSTANT.matcher(line);
                if (constant.find()) {
                    problems.add(where(file, i) + " spells event error '" + constant.group(1)
                            + "' by hand: build it with EventErrors.Capability");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void credentialTypesAreNamedOnlyInCredentialTypes() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mainSources()) {
            if (file.endsWith("CredentialTypes.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String code = line.trim();
                if (line.contains("PROVIDER_ID") || line.contains("// authenticator id") || code.startsWith("*")
                        || code.startsWith("/*") || code.startsWith("//")) {
                    continue; // a provider id may be the same word (marked so where it is not a constant); comments may quote it
                }
                for (String type : CREDENTIAL_TYPES) {
                    if (line.contains(type)) {
                        problems.add(where(file, i) + " spells credential type " + type + ": use CredentialTypes");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void jsonErrorBodiesAreBuiltInOnePlace() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mainSources()) {
            // JsonErrors is the one place; PushEnvelope speaks privacyIDEA's wire protocol, whose shape is not ours.
            if (file.endsWith("JsonErrors.java") || file.endsWith("PushEnvelope.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (ERROR_BODY.matcher(lines.get(i)).find()) {
                    problems.add(where(file, i) + " builds a JSON error body by hand: use JsonErrors");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<Path> mainSources() throws IOException {
        Path root = PackJars.rootDir();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        assertTrue(files.size() > 100, "the scan looks in the wrong place: " + files.size() + " files under " + root);
        return files;
    }

    private static String where(Path file, int index) {
        return PackJars.rootDir().relativize(file) + ":" + (index + 1);
    }
}
