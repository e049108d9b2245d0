package org.hpcmfa.keycloak.push.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waiting pages' script and templates as shipped in the themes module, read from the source tree: the status
 * contract is checked against the very files a browser gets.
 */
public final class WaitingPageFiles {

    public static final String LOGIN_TEMPLATE = "hpc-push-login.ftl";
    public static final String SETUP_TEMPLATE = "hpc-push-setup.ftl";

    private static final Pattern ATTRIBUTE_READ = Pattern.compile("form\\.getAttribute\\(\"(data-[a-z-]+)\"\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    private WaitingPageFiles() {
    }

    public static String script() {
        return read(themeResources().resolve("resources/js/hpc-push.js"));
    }

    public static String template(String name) {
        return read(themeResources().resolve("templates").resolve(name));
    }

    /** The data attributes of the page's form that the script reads (the countdown's own attribute is optional). */
    public static Set<String> attributesReadByScript() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ATTRIBUTE_READ.matcher(script());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The script's string literals, comments left out. */
    public static List<String> scriptLiterals() {
        return STRING_LITERAL.matcher(scriptCode()).results().map(r -> r.group(1)).toList();
    }

    /** The script without its line comments: what runs. */
    public static String scriptCode() {
        return script().lines().map(line -> line.replaceAll("(^|\\s)//.*$", "")).reduce("", (a, b) -> a + b + "\n");
    }

    /** Surefire runs in the module's directory; the themes module is its sibling. */
    private static Path themeResources() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("themes/src/main/resources/theme-resources");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("themes/src/main/resources/theme-resources not found above "
                + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
