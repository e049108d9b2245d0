package org.hpcmfa.keycloak.sshcert.rest;

import org.hpcmfa.keycloak.common.rest.JsonBodies;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;

/** The SSH CA endpoints' JSON bodies, read by mfa-common's {@link JsonBodies}; a refused body is a refusal like any. */
final class RequestBodies {

    private RequestBodies() {
    }

    static <T> T parse(String body, Class<T> type) throws SignRefusal {
        try {
            return JsonBodies.parse(body, type);
        } catch (JsonBodies.InvalidBody invalid) {
            throw new SignRefusal(invalid.status(), invalid.error(), invalid.getMessage());
        }
    }
}
