package org.hpcmfa.keycloak.common.codes;

/**
 * The login page of one code channel: its template, the name of the code field, the prefix of its messages (each
 * channel words them for its medium: "the email", "the text message") and the name of its model in the template.
 * The message names after the prefix are the same for every channel: {@code invalidCode}, {@code missingCode},
 * {@code expiredCode}, {@code tooManyAttempts}, {@code noCode}, {@code codeSent}, {@code cooldown},
 * {@code hourlyLimit}, {@code sendFailed}.
 */
public record CodeForm(String template, String field, String messagePrefix, String modelAttribute) {

    public String message(String name) {
        return messagePrefix + "." + name;
    }
}
