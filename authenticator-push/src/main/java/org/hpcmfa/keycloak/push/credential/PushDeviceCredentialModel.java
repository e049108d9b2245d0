package org.hpcmfa.keycloak.push.credential;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A phone enrolled for push approval. Public data: its serial, its public key, the id of the server key it
 * knows, whether it polls only. Secret data: its Firebase registration token, if any.
 */
public class PushDeviceCredentialModel extends CredentialModel {

    public static final String TYPE = CredentialTypes.PUSH;
    public static final String NO_FIREBASE_TOKEN = "no_firebase_token";

    private final Map<String, Object> data;
    private final Map<String, Object> secret;

    private PushDeviceCredentialModel(Map<String, Object> data, Map<String, Object> secret) {
        this.data = data;
        this.secret = secret;
    }

    public static PushDeviceCredentialModel create(String serial, String phoneKeySpki, String serverKeyId,
            String firebaseToken, String label, long nowMillis) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serial", serial);
        data.put("phonePublicKey", phoneKeySpki);
        data.put("serverKeyId", serverKeyId);
        data.put("pollOnly", firebaseToken == null || NO_FIREBASE_TOKEN.equals(firebaseToken));
        data.put("firebaseUnregistered", false);
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("firebaseToken", firebaseToken == null ? NO_FIREBASE_TOKEN : firebaseToken);
        PushDeviceCredentialModel model = new PushDeviceCredentialModel(data, secret);
        model.setType(TYPE);
        model.setUserLabel(label);
        // Milliseconds, as Keycloak's own credentials: a device enrolled within the second a login started must
        // still count as newer than that login (the recovery-codes enrolment trigger compares the two).
        model.setCreatedDate(nowMillis);
        model.write();
        return model;
    }

    @SuppressWarnings("unchecked")
    public static PushDeviceCredentialModel from(CredentialModel stored) {
        try {
            PushDeviceCredentialModel model = new PushDeviceCredentialModel(
                    JsonSerialization.readValue(stored.getCredentialData(), LinkedHashMap.class),
                    stored.getSecretData() == null ? new LinkedHashMap<>()
                            : JsonSerialization.readValue(stored.getSecretData(), LinkedHashMap.class));
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable push device " + stored.getId(), e);
        }
    }

    public String serial() {
        return (String) data.get("serial");
    }

    public String phonePublicKey() {
        return (String) data.get("phonePublicKey");
    }

    public String serverKeyId() {
        return (String) data.get("serverKeyId");
    }

    public boolean pollOnly() {
        return Boolean.TRUE.equals(data.get("pollOnly"));
    }

    public boolean firebaseUnregistered() {
        return Boolean.TRUE.equals(data.get("firebaseUnregistered"));
    }

    public String firebaseToken() {
        return (String) secret.get("firebaseToken");
    }

    public PushDeviceCredentialModel withFirebaseToken(String token) {
        secret.put("firebaseToken", token);
        data.put("pollOnly", NO_FIREBASE_TOKEN.equals(token));
        data.put("firebaseUnregistered", false);
        write();
        return this;
    }

    /** FCM answered that the registration token is gone: stop sending there, keep the phone for polling. */
    public PushDeviceCredentialModel markFirebaseUnregistered() {
        data.put("firebaseUnregistered", true);
        write();
        return this;
    }

    private void write() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(data));
            setSecretData(JsonSerialization.writeValueAsString(secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
