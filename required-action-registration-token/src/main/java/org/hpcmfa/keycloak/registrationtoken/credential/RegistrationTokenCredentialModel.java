package org.hpcmfa.keycloak.registrationtoken.credential;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A user's registration token. The user label states its state in words ("Expires ... UTC" or
 * "Used ... UTC"), so the admin console's credentials list shows it without opening the data.
 */
public class RegistrationTokenCredentialModel extends CredentialModel {

    public static final String TYPE = CredentialTypes.REGISTRATION_TOKEN;

    private static final DateTimeFormatter LABEL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final RegistrationTokenCredentialData data;
    private final RegistrationTokenSecretData secret;

    private RegistrationTokenCredentialModel(RegistrationTokenCredentialData data, RegistrationTokenSecretData secret) {
        this.data = data;
        this.secret = secret;
    }

    public static RegistrationTokenCredentialModel createNew(String hash, long expiresAt, String issuedBy, long now) {
        RegistrationTokenCredentialModel model = new RegistrationTokenCredentialModel(
                new RegistrationTokenCredentialData(expiresAt, issuedBy, null), new RegistrationTokenSecretData(hash));
        model.setType(TYPE);
        model.setCreatedDate(now * 1000);
        model.fillFields();
        return model;
    }

    public static RegistrationTokenCredentialModel createFromCredentialModel(CredentialModel stored) {
        try {
            RegistrationTokenCredentialModel model = new RegistrationTokenCredentialModel(
                    JsonSerialization.readValue(stored.getCredentialData(), RegistrationTokenCredentialData.class),
                    JsonSerialization.readValue(stored.getSecretData(), RegistrationTokenSecretData.class));
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setCreatedDate(stored.getCreatedDate());
            model.setUserLabel(stored.getUserLabel());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable registration token credential " + stored.getId(), e);
        }
    }

    /** The same credential, recorded as used at {@code now}; the hash stays so a re-use is recognised. */
    public RegistrationTokenCredentialModel markedUsed(long now) {
        RegistrationTokenCredentialModel used = new RegistrationTokenCredentialModel(
                new RegistrationTokenCredentialData(data.getExpiresAt(), data.getIssuedBy(), now), secret);
        used.setId(getId());
        used.setType(TYPE);
        used.setCreatedDate(getCreatedDate());
        used.fillFields();
        return used;
    }

    public boolean isUsed() {
        return data.getUsedAt() != null;
    }

    public boolean isExpired(long now) {
        return now >= data.getExpiresAt();
    }

    public long getExpiresAt() {
        return data.getExpiresAt();
    }

    public String getHash() {
        return secret.getHash();
    }

    private void fillFields() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(data));
            setSecretData(JsonSerialization.writeValueAsString(secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        setUserLabel(data.getUsedAt() == null
                ? "Expires " + LABEL_TIME.format(Instant.ofEpochSecond(data.getExpiresAt()))
                : "Used " + LABEL_TIME.format(Instant.ofEpochSecond(data.getUsedAt())));
    }
}
