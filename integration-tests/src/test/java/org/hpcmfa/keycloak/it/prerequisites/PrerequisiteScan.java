package org.hpcmfa.keycloak.it.prerequisites;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads test sources and tells which test classes use a {@link Prerequisite} without declaring it in {@link Needs}.
 * A class uses what its own code runs (a program named in a string literal, such as {@code "ssh-keygen"}) and
 * what the members of other test-source classes it calls use, transitively: {@code Sshd.run(...)} costs nothing,
 * {@code Sshd.start(...)} needs sshd, a {@code Chromium} variable needs the browser. Static, so a forgotten
 * {@code @Needs} fails the build on every machine, not only on one that lacks the package.
 */
final class PrerequisiteScan {

    /** Programs and paths whose appearance as a string literal means the code runs or reads them. */
    private static final Map<Prerequisite, Pattern> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put(Prerequisite.ROOT, literal("useradd|userdel|chown|/etc/pam\\.d|/etc/pam\\.d/[^\"]*"));
        MARKERS.put(Prerequisite.OPENSSH_CLIENT, literal("ssh|ssh-keygen|ssh-add|ssh-agent|ssh-keyscan"));
        MARKERS.put(Prerequisite.OPENSSH_SERVER, literal("sshd|/usr/sbin/sshd"));
        MARKERS.put(Prerequisite.PYTHON3, literal("python3"));
        MARKERS.put(Prerequisite.PAM_BUILD, literal("make|gcc|cc"));
        MARKERS.put(Prerequisite.POSTGRESQL, literal("pg_ctl|psql|initdb|/usr/lib/postgresql"));
        MARKERS.put(Prerequisite.UNZIP, literal("unzip"));
        MARKERS.put(Prerequisite.PUTTY_TOOLS, literal("plink|puttygen"));
        MARKERS.put(Prerequisite.NFTABLES, literal("nft|/usr/sbin/nft"));
        MARKERS.put(Prerequisite.CHROMIUM, literal("chromium|chromedriver|/usr/bin/chromium|/usr/bin/chromedriver"));
    }

    private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|enum|interface)\\s+([A-Z]\\w*)");
    private static final Pattern EXTENDS = Pattern.compile("\\bextends\\s+([A-Z]\\w*)");
    private static final Pattern NEEDS = Pattern.compile("@Needs\\s*\\(\\s*\\{?([^)}]*)\\}?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])([A-Z]\\w*)(?:\\s*\\.\\s*([A-Za-z_]\\w*))?");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([A-Za-z_]\\w*)\\b");
    /** A name of the class's own members, not one called on another object ({@code builder.start()}). */
    private static final Pattern OWN_NAME = Pattern.compile("(?<![\\w.])(?<!\\.\\s{1,40})([A-Za-z_]\\w*)\\b");
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\s*\\([^)]*\\))?");

    /** One top-level class: what it declares, its superclass, and its members' code. */
    private record Unit(String name, Set<Prerequisite> declared, String superclass, Map<String, String> members) {
    }

    private final Map<String, Unit> units = new TreeMap<>();
    private final Map<String, Set<Prerequisite>> memo = new HashMap<>();

    /** {@code sources}: each file's text by its class's simple name. */
    PrerequisiteScan(Map<String, String> sources) {
        sources.forEach((name, text) -> units.put(name, parse(name, text)));
    }

    private static Pattern literal(String programs) {
        return Pattern.compile("\"(?:" + programs + ")\"");
    }

    /** Test classes (run by surefire or failsafe) that use more than they and their superclasses declare. */
    Map<String, Set<Prerequisite>> undeclared() {
        Map<String, Set<Prerequisite>> problems = new TreeMap<>();
        for (Unit unit : units.values()) {
            if (!unit.name.matches("\\w*(IT|Test|Tests)")) {
                continue;
            }
            Set<Prerequisite> missing = uses(unit.name);
            missing.removeAll(declared(unit.name));
            if (!missing.isEmpty()) {
                problems.put(unit.name, missing);
            }
        }
        return problems;
    }

    /** Everything the class, its members and its superclasses use. */
    Set<Prerequisite> uses(String className) {
        Set<Prerequisite> all = EnumSet.noneOf(Prerequisite.class);
        for (Unit u = units.get(className); u != null; u = u.superclass == null ? null : units.get(u.superclass)) {
            for (String member : u.members.keySet()) {
                all.addAll(member(u.name, member));
            }
        }
        return all;
    }

    private Set<Prerequisite> declared(String className) {
        Set<Prerequisite> all = EnumSet.noneOf(Prerequisite.class);
        for (Unit u = units.get(className); u != null; u = u.superclass == null ? null : units.get(u.superclass)) {
            all.addAll(u.declared);
        }
        return all;
    }

    /** What one member's code uses, with the members it calls; a cycle counts what is known so far. */
    private Set<Prerequisite> member(String className, String memberName) {
        String key = className + "#" + memberName;
        Set<Prerequisite> known = memo.get(key);
        if (known != null) {
            return known;
        }
        Set<Prerequisite> result = EnumSet.noneOf(Prerequisite.class);
        memo.put(key, result);
        Unit unit = units.get(className);
        String code = unit.members.get(memberName);
        MARKERS.forEach((prerequisite, marker) -> {
            if (marker.matcher(code).find()) {
                result.add(prerequisite);
            }
        });
        String bare = blankStrings(code);
        Matcher ref = REFERENCE.matcher(bare);
        while (ref.find()) {
            Unit other = units.get(ref.group(1));
            if (other == null || other == unit) {
                continue;
            }
            String via = ref.group(2);
            if (via != null && other.members.containsKey(via)) {
                result.addAll(member(other.name, via));
            } else {
                result.addAll(uses(other.name));
            }
        }
        Matcher id = OWN_NAME.matcher(bare);
        while (id.find()) {
            String sibling = id.group(1);
            if (!sibling.equals(memberName) && unit.members.containsKey(sibling)) {
                result.addAll(member(className, sibling));
            }
        }
        return result;
    }

    private static Unit parse(String name, String text) {
        String code = stripComments(text);
        String structure = blankStrings(code);
        Matcher type = TYPE.matcher(structure);
        int start = type.find() ? type.start() : 0;
        int open = structure.indexOf('{', start);
        String header = structure.substring(0, Math.max(open, 0));
        Set<Prerequisite> declared = EnumSet.noneOf(Prerequisite.class);
        Matcher needs = NEEDS.matcher(header);
        if (needs.find()) {
            for (String constant : needs.group(1).split(",")) {
                String simple = constant.trim().replaceFirst("^Prerequisite\\.", "");
                if (!simple.isEmpty()) {
                    declared.add(Prerequisite.valueOf(simple));
                }
            }
        }
        Matcher ext = EXTENDS.matcher(header.substring(start));
        String superclass = ext.find() ? ext.group(1) : null;
        return new Unit(name, declared, superclass, members(code, structure, open));
    }

    /** The class body cut into members at depth one: fields, methods, constructors, nested types, blocks. */
    private static Map<String, String> members(String code, String structure, int open) {
        Map<String, String> members = new LinkedHashMap<>();
        if (open < 0) {
            return members;
        }
        int depth = 0;
        int from = open + 1;
        for (int i = open + 1; i < structure.length(); i++) {
            char c = structure.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
                if (depth == 0 && c == '}') {
                    add(members, code.substring(from, i + 1), structure.substring(from, i + 1));
                    from = i + 1;
                }
            } else if (c == ';' && depth == 0) {
                add(members, code.substring(from, i + 1), structure.substring(from, i + 1));
                from = i + 1;
            }
        }
        return members;
    }

    private static void add(Map<String, String> members, String code, String structure) {
        if (structure.isBlank()) {
            return;
        }
        String header = ANNOTATION.matcher(structure).replaceAll(" ");
        int body = indexOfAny(header, "{=;");
        String head = header.substring(0, body < 0 ? header.length() : body);
        String name;
        Matcher type = TYPE.matcher(head);
        if (type.find()) {
            name = type.group(1);
        } else if (head.contains("(")) {
            name = lastIdentifier(head.substring(0, head.indexOf('(')));
        } else {
            name = lastIdentifier(head);
        }
        if (name == null || name.isEmpty()) {
            name = "<block " + members.size() + ">";
        }
        members.merge(name, code, (a, b) -> a + "\n" + b);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String lastIdentifier(String s) {
        Matcher m = IDENTIFIER.matcher(s);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** Comments removed, string and character literals kept (their text is where program names are). */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(text, i);
                out.append(text, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The same text with every literal's content replaced by spaces, so braces in strings do not count. */
    static String blankStrings(String code) {
        StringBuilder out = new StringBuilder(code);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(code, i);
                int quote = code.startsWith("\"\"\"", i) ? 3 : 1;
                for (int j = i + quote; j < end - quote; j++) {
                    if (out.charAt(j) != '\n') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int literalEnd(String text, int start) {
        if (text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? text.length() : end + 3;
        }
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    /** For the failure message: one line per class. */
    static List<String> describe(Map<String, Set<Prerequisite>> problems) {
        List<String> lines = new ArrayList<>();
        problems.forEach((cls, missing) -> lines.add(cls + " uses " + missing + " without @Needs for it"));
        return lines;
    }
}
