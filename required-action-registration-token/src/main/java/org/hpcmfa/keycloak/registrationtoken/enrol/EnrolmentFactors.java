package org.hpcmfa.keycloak.registrationtoken.enrol;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.otp.OTPApplicationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/**
 * The permanent factors a user can enrol, each backed by the required action that sets it up: Keycloak's TOTP
 * setup always, the push module's enrolment when its jar is installed and its action enabled in the realm.
 */
final class EnrolmentFactors {

    static final String TOTP = UserModel.RequiredAction.CONFIGURE_TOTP.name();
    static final String PUSH = "hpc-push-setup";
    static final String RECOVERY_CODES = UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name();
    /** The pack's recovery codes (module authenticator-recovery-codes): the realm's count, any order. */
    static final String PACK_RECOVERY_CODES = "hpc-recovery-codes";

    private EnrolmentFactors() {
    }

    static List<String> available(KeycloakSession session, RealmModel realm) {
        List<String> factors = new ArrayList<>();
        factors.add(TOTP);
        if (installedAndEnabled(session, realm, PUSH)) {
            factors.add(PUSH);
        }
        return factors;
    }

    /**
     * The authenticator apps Keycloak's TOTP set-up page names for the realm's OTP policy (message keys such as
     * totpAppGoogleName): the choice names the same ones, so the next page does not surprise.
     */
    static List<String> totpApps(KeycloakSession session, RealmModel realm) {
        return session.getAllProviders(OTPApplicationProvider.class).stream()
                .filter(app -> app.supports(realm.getOTPPolicy()))
                .map(OTPApplicationProvider::getName)
                .toList();
    }

    /** Recovery codes follow the enrolment when the realm has the pack's or Keycloak's recovery-code action enabled. */
    static boolean recoveryCodesEnabled(KeycloakSession session, RealmModel realm) {
        return installedAndEnabled(session, realm, PACK_RECOVERY_CODES) || installedAndEnabled(session, realm, RECOVERY_CODES);
    }

    /** The action that issues them: the pack's where enabled, else Keycloak's. */
    static String recoveryCodes(KeycloakSession session, RealmModel realm) {
        return installedAndEnabled(session, realm, PACK_RECOVERY_CODES) ? PACK_RECOVERY_CODES : RECOVERY_CODES;
    }

    static RequiredActionProvider provider(KeycloakSession session, String requiredActionId) {
        return session.getProvider(RequiredActionProvider.class, requiredActionId);
    }

    private static boolean installedAndEnabled(KeycloakSession session, RealmModel realm, String id) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(id);
        return model != null && model.isEnabled()
                && session.getKeycloakSessionFactory().getProviderFactory(RequiredActionProvider.class, id) != null;
    }
}
