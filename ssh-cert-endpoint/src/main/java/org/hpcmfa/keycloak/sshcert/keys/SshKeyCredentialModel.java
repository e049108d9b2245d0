package org.hpcmfa.keycloak.sshcert.keys;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * One SSH public key a person registered, as a Keycloak credential of type {@code hpc-ssh-key}: listed on the user's
 * Credentials tab in the admin console and on "Signing in" in the Account Console. Nothing in it is secret; the
 * credential data holds the key type, its SHA256 fingerprint, the comment and the public key line itself.
 */
public final class SshKeyCredentialModel extends CredentialModel {

    public static final String TYPE = CredentialTypes.SSH_KEY;

    /** The public part of the credential, stored as its credential data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@JsonProperty("keyType") String keyType, @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("comment") String comment, @JsonProperty("publicKey") String publicKey) {
    }

    private final Data data;

    private SshKeyCredentialModel(Data data) {
        this.data = data;
    }

    /** A new credential for a checked key; {@code label} is unique among the user's keys. */
    public static SshKeyCredentialModel create(Data data, String label) {
        SshKeyCredentialModel model = new SshKeyCredentialModel(data);
        model.setType(TYPE);
        model.setUserLabel(label);
        model.setCreatedDate(Time.currentTimeMillis());
        model.setSecretData("{}");
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(data));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return model;
    }

    public static SshKeyCredentialModel from(CredentialModel stored) {
        Data data;
        try {
            data = JsonSerialization.readValue(stored.getCredentialData(), Data.class);
        } catch (IOException e) {
            data = new Data("", "", "", "");
        }
        SshKeyCredentialModel model = new SshKeyCredentialModel(data);
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setCredentialData(stored.getCredentialData());
        model.setSecretData(stored.getSecretData());
        return model;
    }

    public Data data() {
        return data;
    }

    public String fingerprint() {
        return data.fingerprint();
    }
}
