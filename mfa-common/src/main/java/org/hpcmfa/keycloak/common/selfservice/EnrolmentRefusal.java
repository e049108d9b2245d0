package org.hpcmfa.keycloak.common.selfservice;

/**
 * A set-up step refused: {@code error} is the stable code (JSON error and event error), the message is for the
 * person, {@code status} the HTTP status the account API answers with.
 */
public class EnrolmentRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;

    public EnrolmentRefusal(int status, String error, String message) {
        super(message, null, false, false); // no stack trace: it is an answer, not a fault
        this.status = status;
        this.error = error;
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }
}
