package org.hpcmfa.keycloak.sshcert.terminal;

import java.util.List;
import java.util.Map;

import org.keycloak.models.UserModel;

/**
 * A refused terminal login: the HTTP status, the event error, a description for the login node's admin, the
 * login-theme message the user sees in the terminal (with its parameters), and further event details.
 */
public class TerminalRefusal extends Exception {

    private final int status;
    private final String error;
    private final String messageKey;
    private final List<String> messageParameters;
    private final Map<String, String> eventDetails;
    private transient UserModel user;

    public TerminalRefusal(int status, String error, String description, String messageKey) {
        this(status, error, description, messageKey, List.of(), Map.of());
    }

    public TerminalRefusal(int status, String error, String description, String messageKey,
            List<String> messageParameters, Map<String, String> eventDetails) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.messageKey = messageKey;
        this.messageParameters = List.copyOf(messageParameters);
        this.eventDetails = Map.copyOf(eventDetails);
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
