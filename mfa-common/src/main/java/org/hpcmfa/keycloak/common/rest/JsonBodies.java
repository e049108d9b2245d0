package org.hpcmfa.keycloak.common.rest;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.keycloak.util.JsonSerialization;

/**
 * Reads the JSON object bodies of the pack's REST endpoints. Empty, oversized, unreadable or mistyped bodies and
 * unknown fields are refused with a stable code ({@code invalid_request}, {@code request_too_large}) and a
 * description that names the field in the API's own words, never a Java type (Jackson's messages name classes).
 */
public final class JsonBodies {

    /** Bodies above this are refused unread: a request is a public key and a few short fields. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /** A body refused before any rule of the endpoint: its HTTP status, stable error code and description. */
    public static final class InvalidBody extends Exception {

        private final int status;
        private final String error;

        InvalidBody(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    private JsonBodies() {
    }

    public static <T> T parse(String body, Class<T> type) throws InvalidBody {
        if (body == null || body.isBlank()) {
            throw invalid("The request needs a JSON body.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new InvalidBody(413, "request_too_large", "The body is larger than " + MAX_BODY_CHARS
                    + " characters; a request holds one public key and a few short fields.");
        }
        T parsed;
        try {
            parsed = JsonSerialization.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw invalid("Unknown field '" + e.getPropertyName() + "'.");
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            throw invalid(field.isEmpty() ? "The body must be a JSON object."
                    : "Field '" + field + "' has the wrong type or value.");
        } catch (IOException e) {
            throw invalid("The body is not valid JSON.");
        }
        if (parsed == null) {
            throw invalid("The body must be a JSON object.");
        }
        return parsed;
    }

    private static InvalidBody invalid(String description) {
        return new InvalidBody(400, "invalid_request", description);
    }

    /** The JSON path of the offending value, e.g. "principals[0]", from the field names only. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
