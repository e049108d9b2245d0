package org.hpcmfa.keycloak.sshterminal;

import java.util.List;

import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalTexts;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The texts the terminal prompt shows ({@link TerminalTexts}: the realm's login theme, in the user's language)
 * and how the prompt's question is put together.
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

    private final TerminalTexts texts;

    TerminalPrompt(KeycloakSession session, RealmModel realm, UserModel user, String requestedLocale) {
        this.texts = new TerminalTexts(session, realm, user, requestedLocale);
    }

    String text(String key, List<String> parameters) {
        return texts.text(key, parameters);
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
}
