package org.hpcmfa.keycloak.it.prerequisites;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The test classes skipped in this test JVM, by what they lacked; printed once at the end of the run. */
final class SkippedPrerequisites {

    /** Prints the summary line when JUnit closes the root context's store, after the last test class. */
    static final class Summary implements AutoCloseable {

        @Override
        public void close() {
            String line = summary();
            if (line != null) {
                System.out.println();
                System.out.println("[WARNING] " + line);
                System.out.println();
            }
        }
    }

    /** Test code, one JVM per run: the one place that collects across classes. */
    private static final Map<String, Set<String>> CLASSES_BY_MISSING = new TreeMap<>();

    private SkippedPrerequisites() {
    }

    static synchronized void record(String testClass, List<Prerequisite> missing) {
        String what = missing.stream().map(p -> p.remedy).collect(Collectors.joining(", "));
        CLASSES_BY_MISSING.computeIfAbsent(what, k -> new TreeSet<>()).add(testClass);
    }

    /** For the unit test only: this JVM's record starts empty again. */
    static synchronized void clear() {
        CLASSES_BY_MISSING.clear();
    }

    /** One line naming every skipped class and what it needs, or null when nothing was skipped. */
    static synchronized String summary() {
        if (CLASSES_BY_MISSING.isEmpty()) {
            return null;
        }
        int classes = 0;
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, Set<String>> group : CLASSES_BY_MISSING.entrySet()) {
            classes += group.getValue().size();
            groups.add("need " + group.getKey() + ": " + String.join(" ", group.getValue()));
        }
        return "SKIPPED " + classes + (classes == 1 ? " test class that needs" : " test classes that need")
                + " root or Debian packages this machine lacks ("
                + String.join("; ", groups) + "). Run them all as CI does: " + PrerequisitesCondition.RUN_EVERYTHING;
    }
}
