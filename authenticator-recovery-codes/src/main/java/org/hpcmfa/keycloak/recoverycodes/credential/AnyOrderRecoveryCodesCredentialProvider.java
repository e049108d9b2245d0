package org.hpcmfa.keycloak.recoverycodes.credential;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's recovery-code credential with one change: any unused code of the set is valid, once, instead of only
 * the next one in order. Everything that checks a recovery code through Keycloak's credential manager (Keycloak's
 * own recovery-code form, the pack's registration-token and password-and-OTP forms) gets this rule.
 */
public class AnyOrderRecoveryCodesCredentialProvider extends RecoveryAuthnCodesCredentialProvider {

    private final KeycloakSession session;

    public AnyOrderRecoveryCodesCredentialProvider(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType()) || input.getChallengeResponse() == null) {
            return false;
        }
        return RecoveryCodes.use(session, realm, user, input.getChallengeResponse()).outcome()
                == RecoveryCodes.Outcome.ACCEPTED;
    }

    /**
     * Where the pack's recovery-codes action is enabled, the Account Console's "Set up" of recovery codes runs it
     * (the realm's count, codes in any order) instead of Keycloak's action (always 12).
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        if (!packActionEnabled()) {
            return super.getCredentialTypeMetadata(metadataContext);
        }
        return CredentialTypeMetadata.builder().type(getType()).category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("recovery-authn-codes-display-name").helpText("recovery-authn-codes-help-text")
                .iconCssClass("kcAuthenticatorRecoveryAuthnCodesClass").removeable(true)
                .createAction(RecoveryCodeSettings.ACTION_ID).build(session);
    }

    /** Keycloak warns below its threshold; the pack warns at or below its own setting. */
    @Override
    protected int getWarningThreshold() {
        RealmModel realm = session.getContext().getRealm();
        return packActionEnabled() ? RecoveryCodeSettings.of(realm).warnAt() + 1 : super.getWarningThreshold();
    }

    private boolean packActionEnabled() {
        RealmModel realm = session.getContext().getRealm();
        RequiredActionProviderModel action = realm == null ? null
                : realm.getRequiredActionProviderByAlias(RecoveryCodeSettings.ACTION_ID);
        return action != null && action.isEnabled();
    }
}
