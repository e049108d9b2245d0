package org.hpcmfa.keycloak.push.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * privacyIDEA's JSON envelope, which the app requires: {@code result.status} a boolean, {@code result.value} a
 * boolean or list, optional {@code detail}. Errors hide their cause from the caller, as privacyIDEA does.
 */
final class PushEnvelope {

    private PushEnvelope() {
    }

    static Response ok(Object value, Map<String, Object> detail) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", true);
        result.put("value", value);
        Map<String, Object> body = base();
        body.put("result", result);
        if (detail != null && !detail.isEmpty()) {
            body.put("detail", detail);
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response error(int httpStatus, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", false);
        result.put("error", error);
        Map<String, Object> body = base();
        body.put("result", result);
        return Response.status(httpStatus).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** privacyIDEA's answer to every poll or update it cannot verify, whatever the reason. */
    static Response unverifiable() {
        return error(400, 10, "ERR10: Could not verify signature!");
    }

    private static Map<String, Object> base() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", 1);
        body.put("version", "Keycloak HPC MFA pack");
        body.put("time", System.currentTimeMillis() / 1000.0);
        return body;
    }
}
