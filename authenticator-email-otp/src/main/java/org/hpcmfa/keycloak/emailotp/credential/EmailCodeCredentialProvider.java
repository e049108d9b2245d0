package org.hpcmfa.keycloak.emailotp.credential;

import org.hpcmfa.keycloak.emailotp.EmailEligibility;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The "Email code" credential type, so the Account Console lists email codes among the user's second factors.
 *
 * <p>Nothing secret is stored per user: the factor is the user's (verified) email address, and each code lives
 * only in one login's authentication session. So the type is "configured" exactly when the address is eligible,
 * and Keycloak's Account Console shows it as set up for those users. It cannot be removed there: users change or
 * lose it with their email address.
 */
public class EmailCodeCredentialProvider implements CredentialProvider<CredentialModel>, CredentialInputValidator {

    public static final String TYPE = org.hpcmfa.keycloak.common.CredentialTypes.EMAIL_CODE;

    private final KeycloakSession session;

    public EmailCodeCredentialProvider(KeycloakSession session) {
        this.session = session;
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
                .displayName("authenticator-email-otp.credentialDisplayName")
                .helpText("authenticator-email-otp.credentialHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .removeable(false)
                .build(session);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && EmailEligibility.isEligibleAnywhere(realm, user);
    }

    /**
     * Always false: an email code is only valid inside the login that sent it, so a bare credential input (for
     * example from a direct grant) can never prove one.
     */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput credentialInput) {
        return false;
    }
}
