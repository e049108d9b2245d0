package org.hpcmfa.keycloak.sshcert.rest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.util.JsonSerialization;

/** The JSON shapes of the SSH CA endpoints: errors, parsed bodies, the issued certificate. */
public final class SshCaErrors {

    private SshCaErrors() {
    }

    public static Response json(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Bodies above this are refused unread: a sign or terminal request is a public key and a few short fields. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /**
     * Reads a JSON object body. Empty, oversized, unreadable or mistyped bodies and unknown fields are a 400 whose
     * description names the field in the API's own words, never a Java type (Jackson's messages name classes).
     */
    public static <T> T parse(String body, Class<T> type) throws SignRefusal {
        if (body == null || body.isBlank()) {
            throw SignRefusal.badRequest("invalid_request", "The request needs a JSON body.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new SignRefusal(413, "request_too_large", "The body is larger than " + MAX_BODY_CHARS
                    + " characters; a request holds one public key and a few short fields.");
        }
        T parsed;
        try {
            parsed = JsonSerialization.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw SignRefusal.badRequest("invalid_request", "Unknown field '" + e.getPropertyName() + "'.");
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            throw SignRefusal.badRequest("invalid_request", field.isEmpty()
                    ? "The body must be a JSON object." : "Field '" + field + "' has the wrong type or value.");
        } catch (IOException e) {
            throw SignRefusal.badRequest("invalid_request", "The body is not valid JSON.");
        }
        if (parsed == null) {
            throw SignRefusal.badRequest("invalid_request", "The body must be a JSON object.");
        }
        return parsed;
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

    public static Map<String, Object> certificateJson(CertificateIssuer.Issued issued) {
        SshCertificateEntity record = issued.record();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", issued.line());
        body.put("serial", record.getSerial());
        body.put("key_id", record.getKeyId());
        body.put("principals", record.getPrincipals().split(","));
        body.put("valid_after", record.getValidAfter());
        body.put("valid_before", record.getValidBefore());
        body.put("ca_fingerprint", record.getCaFingerprint());
        // What the caller proved, so a client can tell its user (Magento's "Multi-factor authentication: verified").
        body.put("service_account", issued.serviceAccount());
        body.put("mfa", issued.serviceAccount() ? "not_required" : "verified");
        return body;
    }
}
