package org.hpcmfa.keycloak.sshterminal;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.keycloak.models.UserModel;

/**
 * A refused terminal login: the HTTP status, the stable {@code error} code of the JSON answer, the event error
 * (named by {@link EventErrors}), a description for the login node's admin, the login-theme message the user sees
 * in the terminal (with its parameters), and further event details.
 */
public class TerminalRefusal extends Exception {

    private final int status;
    private final String error;
    private final String eventError;
    private final String messageKey;
    private final List<String> messageParameters;
    private final Map<String, String> eventDetails;
    private transient UserModel user;

    public TerminalRefusal(int status, String error, String eventError, String description, String messageKey,
            List<String> messageParameters, Map<String, String> eventDetails) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.eventError = eventError;
        this.messageKey = messageKey;
        this.messageParameters = List.copyOf(messageParameters);
        this.eventDetails = Map.copyOf(eventDetails);
    }

    /** A refusal the prompt names itself: its event error is {@code ssh_terminal_<code>}. */
    public static TerminalRefusal prompt(int status, String code, String description, String messageKey) {
        return new TerminalRefusal(status, code, EventErrors.Capability.SSH_TERMINAL.error(code), description,
                messageKey, List.of(), Map.of());
    }

    /** A refusal Keycloak has a name for ({@link org.keycloak.events.Errors}): answer and event use that name. */
    public static TerminalRefusal keycloak(int status, String keycloakError, String description, String messageKey) {
        return new TerminalRefusal(status, keycloakError, keycloakError, description, messageKey, List.of(), Map.of());
    }

    /** The user the refusal concerns, for the event (null before the user is known). */
    public TerminalRefusal forUser(UserModel user) {
        if (this.user == null) {
            this.user = user;
        }
        return this;
    }

    public UserModel user() {
        return user;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String eventError() {
        return eventError;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> messageParameters() {
        return messageParameters;
    }

    public Map<String, String> eventDetails() {
        return eventDetails;
    }
}
