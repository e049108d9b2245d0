package org.hpcmfa.keycloak.common.rest;

/**
 * A refused request of a person-facing REST endpoint (the terminal {@code mfa} command's): HTTP status, stable
 * error code (the JSON {@code error} and the event's condition) and a sentence for the person; for
 * {@code rate_limited}, the seconds after which the request may succeed.
 */
public class ApiRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final Integer retryAfter;

    public ApiRefusal(int status, String error, String description) {
        this(status, error, description, null);
    }

    public ApiRefusal(int status, String error, String description, Integer retryAfter) {
        super(description, null, false, false); // an answer, not a fault: no stack trace
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Seconds after which the same request may succeed, for {@code rate_limited}; null otherwise. */
    public Integer retryAfter() {
        return retryAfter;
    }
}
