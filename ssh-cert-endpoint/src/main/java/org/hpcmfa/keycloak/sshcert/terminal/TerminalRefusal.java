package org.hpcmfa.keycloak.sshcert.terminal;

import org.keycloak.models.UserModel;

/**
 * A refused terminal login: the HTTP status, the event error, a description for the login node's admin, and the
 * login-theme message the user sees in the terminal.
 */
public class TerminalRefusal extends Exception {

    private final int status;
    private final String error;
    private final String messageKey;
    private transient UserModel user;

    public TerminalRefusal(int status, String error, String description, String messageKey) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.messageKey = messageKey;
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
}
