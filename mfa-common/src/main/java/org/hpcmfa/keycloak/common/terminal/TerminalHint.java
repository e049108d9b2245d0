package org.hpcmfa.keycloak.common.terminal;

import java.util.List;

/** A line of the terminal prompt: a message key of the login theme and its parameters. */
public record TerminalHint(String messageKey, List<String> parameters) {

    public static TerminalHint of(String messageKey, String... parameters) {
        return new TerminalHint(messageKey, List.of(parameters));
    }
}
