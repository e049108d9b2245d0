package org.hpcmfa.keycloak.common.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one JSON error shape of the pack's REST endpoints, as Keycloak's OAuth endpoints answer
 * ({@code OAuth2ErrorRepresentation}): {@code {"error": "<stable code>", "error_description": "<sentence>"}}.
 * The code is a contract with scripts and clients; the sentence is for a person and never names a Java type.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The error body, with room for fields an endpoint adds (e.g. the terminal prompt's message key). */
    public static Map<String, Object> body(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    public static Response response(int status, String error, String description) {
        return response(status, body(error, description));
    }

    /** An error answer that no cache keeps: it speaks about one caller's request. */
    public static Response response(int status, Map<String, Object> body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).build();
    }

    /** The {@code error_description} of an answer made by {@link #response}, for callers inside the server. */
    public static String description(Response answer) {
        Object entity = answer.getEntity();
        return entity instanceof Map<?, ?> body && body.get("error_description") != null
                ? body.get("error_description").toString() : "";
    }
}
