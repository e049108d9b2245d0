package org.hpcmfa.keycloak.common.console;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Texts a console action writes back into its form, in the admin's language: the admin theme's messages
 * (the pack's keys come from the themes module, which Keycloak merges into every theme's messages).
 */
public final class ConsoleMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Properties messages;
    private final Locale locale;

    private ConsoleMessages(Properties messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    public static ConsoleMessages forAdmin(KeycloakSession session, UserModel admin) {
        Locale locale = session.getContext().resolveLocale(admin, Theme.Type.ADMIN);
        try {
            return new ConsoleMessages(session.theme().getTheme(Theme.Type.ADMIN).getEnhancedMessages(
                    session.getContext().getRealm(), locale), locale);
        } catch (IOException e) {
            return new ConsoleMessages(new Properties(), locale);
        }
    }

    /** The message {@code key} with its parameters; the key itself when the theme lacks it. */
    public String format(String key, Object... parameters) {
        return new MessageFormat(messages.getProperty(key, key), locale).format(parameters);
    }

    /** The message {@code key} without parameters, or {@code fallback} when the theme lacks it. */
    public String textOr(String key, String fallback) {
        return messages.getProperty(key, fallback);
    }

    /** A point in time (epoch seconds) as admins across sites read it alike. */
    public static String when(long epochSeconds) {
        return WHEN.format(Instant.ofEpochSecond(epochSeconds));
    }
}
