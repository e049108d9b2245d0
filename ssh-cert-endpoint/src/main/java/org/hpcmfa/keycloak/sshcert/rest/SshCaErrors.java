package org.hpcmfa.keycloak.sshcert.rest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Reads a JSON body; unreadable JSON or unknown fields are a 400 that says so. */
    public static <T> T parse(String body, Class<T> type) throws SignRefusal {
        if (body == null || body.isBlank()) {
            throw SignRefusal.badRequest("invalid_request", "The request needs a JSON body.");
        }
        try {
            return JsonSerialization.readValue(body, type);
        } catch (IOException e) {
            throw SignRefusal.badRequest("invalid_request", "The body is not the expected JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
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
