package org.hpcmfa.keycloak.common.terminal;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Texts for a terminal, from the realm's login theme in the user's language: the requested locale (a terminal's
 * LANG such as {@code fr_BE.UTF-8}, or {@code fr-BE}) if the realm supports it, else the user's own, else the
 * realm's default.
 */
public final class TerminalTexts {

    private final Properties messages;
    private final Locale locale;

    public TerminalTexts(KeycloakSession session, RealmModel realm, UserModel user, String requestedLocale) {
        this.locale = locale(session, realm, user, requestedLocale);
        Properties loaded;
        try {
            loaded = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            loaded = new Properties();
        }
        this.messages = loaded;
    }

    /** Formatted like the login theme's msg(): apostrophes are written '' in the bundles. */
    public String text(String key, List<String> parameters) {
        return new MessageFormat(messages.getProperty(key, key), locale).format(parameters.toArray());
    }

    public String text(TerminalHint hint) {
        return text(hint.messageKey(), hint.parameters());
    }

    private static Locale locale(KeycloakSession session, RealmModel realm, UserModel user, String requested) {
        if (requested != null && !requested.isBlank() && realm.isInternationalizationEnabled()) {
            String language = requested.split("[_.@-]")[0].toLowerCase(Locale.ROOT);
            if (realm.getSupportedLocalesStream().anyMatch(language::equals)) {
                return Locale.forLanguageTag(language);
            }
        }
        return session.getContext().resolveLocale(user);
    }
}
