package org.hpcmfa.keycloak.sshterminal;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The texts the terminal shows, from the realm's login theme in the user's language: the request's locale if the
 * realm supports it, else the user's own, else the realm's default.
 */
final class TerminalPrompt {

    static final String MSG_CODE_OR_PUSH = "ssh-terminal-prompt.terminalPromptCodeOrPush";
    static final String MSG_CODE = "ssh-terminal-prompt.terminalPromptCode";
    static final String MSG_PUSH = "ssh-terminal-prompt.terminalPromptPush";
    static final String MSG_WELCOME = "ssh-terminal-prompt.terminalWelcome";
    static final String MSG_NO_FACTOR = "ssh-terminal-prompt.terminalNoFactor";
    static final String MSG_WRONG_CODE = "ssh-terminal-prompt.terminalWrongCode";
    static final String MSG_EMPTY_ANSWER = "ssh-terminal-prompt.terminalEmptyAnswer";
    static final String MSG_HANDLE_INVALID = "ssh-terminal-prompt.terminalHandleInvalid";
    static final String MSG_LOCKED_OUT = "ssh-terminal-prompt.terminalLockedOut";
    static final String MSG_UNKNOWN_USER = "ssh-terminal-prompt.terminalUnknownUser";
    static final String MSG_UNAVAILABLE = "ssh-terminal-prompt.terminalUnavailable";
    static final String MSG_DEVICE_OPEN = "ssh-terminal-prompt.terminalDeviceOpen";
    static final String MSG_DEVICE_SCAN = "ssh-terminal-prompt.terminalDeviceScan";
    static final String MSG_DEVICE_PROMPT = "ssh-terminal-prompt.terminalDevicePrompt";
    static final String MSG_DEVICE_WRONG_USER = "ssh-terminal-prompt.terminalDeviceWrongUser";
    static final String MSG_DEVICE_ONE_FACTOR = "ssh-terminal-prompt.terminalDeviceOneFactor";
    static final String MSG_DEVICE_DENIED = "ssh-terminal-prompt.terminalDeviceDenied";
    static final String MSG_DEVICE_EXPIRED = "ssh-terminal-prompt.terminalDeviceExpired";

    private final Properties messages;
    private final Locale locale;

    TerminalPrompt(KeycloakSession session, RealmModel realm, UserModel user, String requestedLocale) {
        this.locale = locale(session, realm, user, requestedLocale);
        Properties loaded;
        try {
            loaded = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            loaded = new Properties();
        }
        this.messages = loaded;
    }

    String text(String key, List<String> parameters) {
        String pattern = messages.getProperty(key, key);
        // Formatted like the login theme's msg(): apostrophes are written '' in the bundles.
        return new MessageFormat(pattern, locale).format(parameters.toArray());
    }

    String text(String key) {
        return text(key, List.of());
    }

    /** The factors' lines, then the question itself, which says how to answer. */
    String prompt(List<TerminalHint> hints, boolean typed, boolean push) {
        StringBuilder prompt = new StringBuilder();
        for (TerminalHint hint : hints) {
            prompt.append(text(hint.messageKey(), hint.parameters())).append('\n');
        }
        String question = typed && push ? MSG_CODE_OR_PUSH : push ? MSG_PUSH : MSG_CODE;
        // The user types right after the question, on the same line.
        return prompt.append(text(question)).append(' ').toString();
    }

    private static Locale locale(KeycloakSession session, RealmModel realm, UserModel user, String requested) {
        if (requested != null && !requested.isBlank() && realm.isInternationalizationEnabled()) {
            // "fr_BE.UTF-8" (a terminal's LANG) or "fr-BE": the language part decides.
            String language = requested.split("[_.@-]")[0].toLowerCase(Locale.ROOT);
            if (realm.getSupportedLocalesStream().anyMatch(language::equals)) {
                return Locale.forLanguageTag(language);
            }
        }
        return session.getContext().resolveLocale(user);
    }
}
