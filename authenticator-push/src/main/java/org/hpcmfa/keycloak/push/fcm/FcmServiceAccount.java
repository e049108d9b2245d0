package org.hpcmfa.keycloak.push.fcm;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

/** The parts of a Google service-account JSON key that FCM HTTP v1 needs. */
public record FcmServiceAccount(String clientEmail, PrivateKey privateKey, String projectId, String tokenUri) {

    /** Parses the JSON; throws IllegalArgumentException with a message fit for the admin console. */
    @SuppressWarnings("unchecked")
    public static FcmServiceAccount parse(String json) {
        Map<String, Object> map;
        try {
            map = JsonSerialization.readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("The FCM service account is not JSON.");
        }
        if (!"service_account".equals(map.get("type"))) {
            throw new IllegalArgumentException("The FCM service account JSON must have \"type\": \"service_account\".");
        }
        for (String field : new String[] {"client_email", "private_key", "project_id"}) {
            if (!(map.get(field) instanceof String value) || value.isBlank()) {
                throw new IllegalArgumentException("The FCM service account JSON has no \"" + field + "\".");
            }
        }
        String tokenUri = map.get("token_uri") instanceof String uri && !uri.isBlank() ? uri : "https://oauth2.googleapis.com/token";
        return new FcmServiceAccount((String) map.get("client_email"), privateKey((String) map.get("private_key")),
                (String) map.get("project_id"), tokenUri);
    }

    private static PrivateKey privateKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalArgumentException("The FCM service account's private_key is not a PKCS#8 RSA key.");
        }
    }
}
