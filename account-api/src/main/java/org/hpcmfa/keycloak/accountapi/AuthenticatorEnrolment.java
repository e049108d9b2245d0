package org.hpcmfa.keycloak.accountapi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.Base32;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.models.utils.TimeBasedOTP;

/**
 * {@code mfa mk AUTHENTICATOR}: Keycloak's own TOTP credential, made as Keycloak's "Set up authenticator" page
 * makes it: a 20-character secret, the realm's OTP policy (algorithm, digits, period, look-around window) and its
 * issuer (the realm's display name). Begin shows the otpauth URI and the key; confirm checks the app's code against
 * the secret and stores the credential. Realms whose OTP policy is HOTP do not offer it here.
 */
final class AuthenticatorEnrolment implements FactorEnrolment {

    private static final String SECRET = "authenticator.secret";
    private static final String LABEL = "mfa command";

    @Override
    public String method() {
        return Methods.AUTHENTICATOR;
    }

    @Override
    public String credentialType() {
        return CredentialTypes.OTP;
    }

    @Override
    public boolean offeredIn(RealmModel realm) {
        return OTPCredentialModel.TOTP.equals(realm.getOTPPolicy().getType());
    }

    @Override
    public EnrolmentStep begin(EnrolmentRequest request) {
        RealmModel realm = request.realm();
        UserModel user = request.user();
        OTPPolicy policy = realm.getOTPPolicy();
        String secret = HmacOTP.generateSecret(20);
        request.notes().put(SECRET, secret);
        return EnrolmentStep.pending(Map.of(
                "otpauthUri", policy.getKeyURI(realm, user, secret),
                "secret", Base32.encode(secret.getBytes(StandardCharsets.UTF_8)),
                "digits", policy.getDigits(),
                "period", policy.getPeriod(),
                "algorithm", policy.getAlgorithmKey(),
                "issuer", issuer(realm),
                "account", user.getUsername()));
    }

    @Override
    public EnrolmentStep confirm(EnrolmentRequest request, String code) throws EnrolmentRefusal {
        String secret = request.notes().get(SECRET);
        RealmModel realm = request.realm();
        OTPPolicy policy = realm.getOTPPolicy();
        if (secret == null) {
            throw new EnrolmentRefusal(400, "expired_enrolment", "This set-up has no key; start it again.");
        }
        TimeBasedOTP totp = new TimeBasedOTP(policy.getAlgorithm(), policy.getDigits(), policy.getPeriod(),
                policy.getLookAheadWindow());
        if (code == null || !code.matches("[0-9]{4,10}") || !totp.validateTOTP(code, secret.getBytes(StandardCharsets.UTF_8))) {
            throw new EnrolmentRefusal(400, "invalid_code", "That is not the code your authenticator app shows now; "
                    + "check the app and the time on your phone.");
        }
        OTPCredentialModel model = OTPCredentialModel.createFromPolicy(realm, secret, LABEL);
        CredentialModel stored = request.user().credentialManager().createStoredCredential(model);
        request.user().removeRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
        return EnrolmentStep.complete(Map.of("credentialId", stored.getId(), "issuer", issuer(realm)));
    }

    static String issuer(RealmModel realm) {
        String display = realm.getDisplayName();
        return display == null || display.isBlank() ? realm.getName() : display;
    }
}
