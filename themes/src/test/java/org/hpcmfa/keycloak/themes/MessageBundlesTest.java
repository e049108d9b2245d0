package org.hpcmfa.keycloak.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message of the pack exists in every supported locale, formats like Keycloak formats it, and every key
 * that a template or a provider class asks for is defined.
 */
class MessageBundlesTest {

    private static final List<String> LOCALES = List.of("en", "fr", "nl", "de");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path REPOSITORY = Path.of("..");
    /** Key prefixes the pack owns; other keys in templates are Keycloak's own (doLogIn...). */
    private static final Pattern PACK_KEY = Pattern.compile(
            "\"((?:account-api|account-recovery|authenticator-email-otp|authenticator-sms|authenticator-password-otp|authenticator-push|authenticator-recovery-codes|mfa-common|required-action-registration-token|ssh-cert-endpoint|ssh-terminal-prompt|login-address-allowlist|themes)\\.[A-Za-z0-9.]*[A-Za-z0-9])\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    /** An apostrophe that MessageFormat would swallow: a single one, not doubled. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyBundleHasTheSameKeysInEveryLocale() throws IOException {
        for (Path dir : bundleDirectories()) {
            Set<String> english = load(dir, "en").stringPropertyNames();
            for (String locale : LOCALES) {
                assertEquals(new TreeSet<>(english), new TreeSet<>(load(dir, locale).stringPropertyNames()),
                        dir + "/messages_" + locale + ".properties must have exactly the keys of messages_en");
            }
        }
    }

    @Test
    void translationsKeepThePlaceholdersAndQuoteApostrophes() throws IOException {
        for (Path dir : bundleDirectories()) {
            Properties english = load(dir, "en");
            for (String locale : LOCALES) {
                Properties bundle = load(dir, locale);
                for (String key : bundle.stringPropertyNames()) {
                    String value = bundle.getProperty(key);
                    assertEquals(placeholders(english.getProperty(key)), placeholders(value),
                            locale + " " + key + " must use the same {n} placeholders as English");
                    assertTrue(!LONE_APOSTROPHE.matcher(value).find(),
                            locale + " " + key + ": Keycloak formats messages with MessageFormat, write '' for '");
                }
            }
        }
    }

    @Test
    void everyKeyThatTemplatesAndProvidersUseIsDefined() throws IOException {
        Set<String> defined = new TreeSet<>();
        for (Path dir : bundleDirectories()) {
            defined.addAll(load(dir, "en").stringPropertyNames());
        }
        List<Path> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            files.filter(p -> p.toString().endsWith(".ftl") || p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("src" + java.io.File.separator + "main"))
                    .forEach(users::add);
        }
        assertTrue(users.size() > 1, "no templates or sources found from " + REPOSITORY.toAbsolutePath());
        for (Path file : users) {
            Matcher m = PACK_KEY.matcher(Files.readString(file));
            while (m.find()) {
                assertTrue(defined.contains(m.group(1)), file + " uses undefined message key " + m.group(1));
            }
        }
    }

    private static List<Path> bundleDirectories() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            List<Path> dirs = files.filter(p -> p.getFileName().toString().equals("messages_en.properties"))
                    .map(Path::getParent).toList();
            assertTrue(!dirs.isEmpty(), "no message bundles under " + RESOURCES.toAbsolutePath());
            return dirs;
        }
    }

    private static Properties load(Path dir, String locale) throws IOException {
        Path file = dir.resolve("messages_" + locale + ".properties");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message == null ? "" : message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
