package org.hpcmfa.keycloak.it.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds static state in Java source: the kind that lives on one cluster node only. A static field is node-local
 * state unless it is final and immutable: a constant, a logger, a pattern, a random generator, or a collection
 * built by an immutable factory ({@code Map.of}, {@code List.copyOf}, {@code Collections.unmodifiable...}).
 */
final class NodeLocalState {

    /** A field declaration with {@code static} among its modifiers, up to its name. */
    private static final Pattern STATIC_FIELD = Pattern.compile(
            "^\\s*((?:(?:public|protected|private|static|final|volatile|transient)\\s+)*)"
                    + "([\\w.$]+(?:<[^=;()]*>)?(?:\\[\\])*)\\s+(\\w+)\\s*(=|;)");
    private static final Pattern MUTABLE_TYPE = Pattern.compile(
            "(?:\\w+\\.)*(?:Map|HashMap|LinkedHashMap|TreeMap|ConcurrentMap|ConcurrentHashMap|Set|HashSet|LinkedHashSet|"
                    + "TreeSet|EnumSet|EnumMap|List|ArrayList|LinkedList|Collection|Queue|Deque|ArrayDeque|"
                    + "CopyOnWriteArrayList|Cache|AtomicInteger|AtomicLong|AtomicBoolean|AtomicReference|"
                    + "StringBuilder|Object)(?:<.*>)?|.*\\[\\]");
    private static final Pattern IMMUTABLE_VALUE = Pattern.compile(
            "\\s*(?:(?:Map|Set|List)\\.(?:of|ofEntries|copyOf)|Collections\\.(?:unmodifiable\\w+|empty\\w+|singleton\\w*))"
                    + "\\s*\\(.*", Pattern.DOTALL);

    private NodeLocalState() {
    }

    /** One finding: file, line number and the declaration. */
    record Finding(String file, int line, String declaration) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + declaration.trim();
        }
    }

    static List<Finding> scan(String file, String source) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher field = STATIC_FIELD.matcher(lines[i]);
            if (!field.find() || !field.group(1).matches("(?s).*\\bstatic\\b.*")) {
                continue;
            }
            boolean isFinal = field.group(1).matches("(?s).*\\bfinal\\b.*");
            String type = field.group(2);
            String name = field.group(3);
            if (!isFinal) {
                findings.add(new Finding(file, i + 1, lines[i]));
            } else if (MUTABLE_TYPE.matcher(type).matches()) {
                String value = "=".equals(field.group(4)) ? statementFrom(lines, i, lines[i].indexOf('=') + 1)
                        : assignmentInStaticBlock(source, name);
                if (value == null || !IMMUTABLE_VALUE.matcher(value).matches()) {
                    findings.add(new Finding(file, i + 1, lines[i]));
                }
            }
        }
        return findings;
    }

    private static String statementFrom(String[] lines, int line, int column) {
        StringBuilder value = new StringBuilder(lines[line].substring(column));
        for (int j = line + 1; value.indexOf(";") < 0 && j < lines.length; j++) {
            value.append('\n').append(lines[j]);
        }
        return value.toString();
    }

    /** {@code static final X NAME;} set in a {@code static { NAME = ...; }} block. */
    private static String assignmentInStaticBlock(String source, String name) {
        Matcher assignment = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\s*=([^;]*;)").matcher(source);
        return assignment.find() ? assignment.group(1) : null;
    }
}
