package org.hpcmfa.keycloak.it.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;

/**
 * Every event error the pack writes under its own naming scheme (a constant built with
 * {@code EventErrors.Capability}) is listed in docs/events.md, where an admin looks up what an event means.
 */
class EventErrorsDocTest {

    @Test
    void everyEventErrorOfThePackIsDocumented() throws Exception {
        String doc = Files.readString(PackJars.rootDir().resolve("docs/events.md"));
        TreeSet<String> names = new TreeSet<>();
        for (String className : packClasses()) {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                        && field.getName().startsWith("ERROR")) {
                    field.setAccessible(true);
                    String value = (String) field.get(null);
                    if (EventErrors.isPackName(value)) {
                        names.add(value);
                    }
                }
            }
        }
        assertTrue(names.size() > 15, "too few event errors found: " + names);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!doc.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "event errors missing from docs/events.md");
    }

    /** The classes of every provider module, from their build output. */
    private static List<String> packClasses() throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> modules = Files.list(PackJars.rootDir())) {
            for (Path classes : modules.map(m -> m.resolve("target/classes")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(classes)) {
                    walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                            .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                            .filter(n -> n.startsWith("org.hpcmfa."))
                            .forEach(names::add);
                }
            }
        }
        return names;
    }
}
