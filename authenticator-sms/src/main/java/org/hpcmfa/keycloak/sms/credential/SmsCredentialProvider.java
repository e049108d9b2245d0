package org.hpcmfa.keycloak.sms.credential;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * A phone number the person proved by typing back a code texted to it: the credential of SMS codes. It stores the
 * number (not a secret: the code is the secret, and it lives only in the login that sent it); the label shows it
 * masked. One phone per person: a newly proven phone replaces the old one.
 */
public class SmsCredentialProvider implements CredentialProvider<CredentialModel>, CredentialInputValidator {

    public static final String TYPE = CredentialTypes.SMS;
    static final String PHONE = "phone";

    private final KeycloakSession session;

    public SmsCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    /** The person's proven phone, if any. */
    public static Optional<PhoneNumber> phoneOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findFirst()
                .flatMap(SmsCredentialProvider::phoneIn);
    }

    /** Stores {@code phone} as the person's SMS phone, replacing an earlier one. */
    public CredentialModel enrol(RealmModel realm, UserModel user, PhoneNumber phone) {
        user.credentialManager().getStoredCredentialsByTypeStream(TYPE).map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        CredentialModel model = new CredentialModel();
        model.setUserLabel(phone.masked());
        model.setCreatedDate(Time.currentTimeMillis());
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(Map.of(PHONE, phone.e164())));
        } catch (IOException e) {
            throw new IllegalStateException("A map of one string always serialises", e);
        }
        model.setSecretData("{}");
        return createCredential(realm, user, model);
    }

    private static Optional<PhoneNumber> phoneIn(CredentialModel model) {
        try {
            Map<?, ?> data = JsonSerialization.readValue(model.getCredentialData(), Map.class);
            return PhoneNumber.parse(String.valueOf(data.get(PHONE)));
        } catch (IOException | RuntimeException damaged) {
            return Optional.empty();
        }
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credentialModel) {
        credentialModel.setType(TYPE);
        return user.credentialManager().createStoredCredential(credentialModel);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("authenticator-sms.credentialDisplayName")
                .helpText("authenticator-sms.credentialHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(org.hpcmfa.keycloak.sms.enrolment.SmsSetupRequiredActionFactory.PROVIDER_ID)
                .removeable(true)
                .build(session);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && phoneOf(user).isPresent();
    }

    /**
     * Always false: an SMS code is only valid inside the login that sent it, so a bare credential input (for example
     * from a direct grant) can never prove one.
     */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput credentialInput) {
        return false;
    }
}
