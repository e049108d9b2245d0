package org.hpcmfa.keycloak.accountapi;

/** A refused request of the account API: HTTP status, stable error code (JSON and event) and a sentence. */
final class ApiRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final Integer retryAfter;

    ApiRefusal(int status, String error, String description) {
        this(status, error, description, null);
    }

    ApiRefusal(int status, String error, String description, Integer retryAfter) {
        super(description, null, false, false); // an answer, not a fault: no stack trace
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    /** Seconds after which the same request may succeed, for {@code rate_limited}; null otherwise. */
    Integer retryAfter() {
        return retryAfter;
    }

    static ApiRefusal rateLimited(int windowSeconds) {
        return new ApiRefusal(429, "rate_limited", "Too many requests of this kind in the last hour; try again later.",
                windowSeconds);
    }

    static ApiRefusal methodNotOffered(String method) {
        return new ApiRefusal(400, "method_not_offered", "This realm does not offer '" + method
                + "' as a second factor to set up from the terminal.");
    }
}
