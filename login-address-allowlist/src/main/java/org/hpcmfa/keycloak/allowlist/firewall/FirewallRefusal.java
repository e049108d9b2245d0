package org.hpcmfa.keycloak.allowlist.firewall;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.rest.JsonErrors;

/** A refused firewall request: its HTTP status, stable error code and sentence. */
final class FirewallRefusal extends Exception {

    private final int status;
    private final String error;

    FirewallRefusal(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    String error() {
        return error;
    }

    Response response() {
        return JsonErrors.response(status, error, getMessage());
    }
}
