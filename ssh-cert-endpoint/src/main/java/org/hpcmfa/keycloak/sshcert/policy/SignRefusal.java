package org.hpcmfa.keycloak.sshcert.policy;

/**
 * A refused certificate request: the HTTP status, a stable error code for scripts and a description for
 * people, saying which rule failed.
 */
public class SignRefusal extends Exception {

    private final int status;
    private final String error;

    public SignRefusal(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static SignRefusal unauthorized(String error, String description) {
        return new SignRefusal(401, error, description);
    }

    public static SignRefusal forbidden(String error, String description) {
        return new SignRefusal(403, error, description);
    }

    public static SignRefusal badRequest(String error, String description) {
        return new SignRefusal(400, error, description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
