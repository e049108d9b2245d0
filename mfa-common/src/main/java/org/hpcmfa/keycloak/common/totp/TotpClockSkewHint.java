package org.hpcmfa.keycloak.common.totp;

import java.util.Optional;
import java.util.OptionalLong;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;

/**
 * "Your phone's clock seems to be off": asked only after Keycloak's own OTP validation refused a code. The search
 * itself ({@link TotpSkewScan}) keeps no state. What the hint reveals is that the code is right at another time;
 * for a code of the past that is worthless, but a code of the future would be a valid code later. So a future
 * code reported here is spent at once in the same single-use store, under the same key, that Keycloak's OTP
 * validation uses against replay: when its time comes, Keycloak refuses it as used. When the realm allows codes
 * to be reused, nothing can be spent, and future codes get no hint.
 */
public final class TotpClockSkewHint {

    private TotpClockSkewHint() {
    }

    /** The skew of a refused code among the user's TOTP credentials (the nearest, if several match), or empty. */
    public static Optional<ClockSkew> find(KeycloakSession session, RealmModel realm, UserModel user, String code,
            ClockSkewSettings settings) {
        if (!settings.hint() || code == null || code.isBlank()) {
            return Optional.empty();
        }
        OTPPolicy policy = realm.getOTPPolicy();
        long now = System.currentTimeMillis() / 1000; // the clock Keycloak's TimeBasedOTP reads, not Time.currentTime()
        String trimmed = code.trim();
        ClockSkew nearest = null;
        int nearestPeriod = 0;
        for (CredentialModel stored : user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList()) {
            OTPCredentialModel otp = OTPCredentialModel.createFromCredentialModel(stored);
            OTPCredentialData data = otp.getOTPCredentialData();
            if (!OTPCredentialModel.TOTP.equals(data.getSubType())) {
                continue;
            }
            TotpSkewScan.Secret secret = new TotpSkewScan.Secret(otp.getDecodedSecret(), data.getAlgorithm(),
                    data.getDigits(), data.getPeriod());
            OptionalLong offset = TotpSkewScan.offsetSeconds(secret, trimmed, now, policy.getLookAheadWindow(),
                    settings.maxSkewSeconds());
            if (offset.isPresent() && (nearest == null || Math.abs(offset.getAsLong()) < Math.abs(nearest.offsetSeconds()))) {
                nearest = new ClockSkew(stored.getId(), offset.getAsLong());
                nearestPeriod = data.getPeriod();
            }
        }
        if (nearest == null || nearest.offsetSeconds() < 0) {
            return Optional.ofNullable(nearest);
        }
        return spend(session, policy, nearest, trimmed, nearestPeriod) ? Optional.of(nearest) : Optional.empty();
    }

    /**
     * Marks a future code as used until it can no longer be accepted: it becomes acceptable {@code window} steps
     * before its own step and stays so {@code window} steps after, so the mark must outlive the offset plus
     * window + 1 periods. The key is the one {@code OTPCredentialProvider.isValid} claims with putIfAbsent.
     */
    private static boolean spend(KeycloakSession session, OTPPolicy policy, ClockSkew skew, String code, int period) {
        if (policy.isCodeReusable()) {
            return false;
        }
        long lifespan = skew.offsetSeconds() + (long) period * (policy.getLookAheadWindow() + 1);
        session.singleUseObjects().putIfAbsent(skew.credentialId() + "." + code, lifespan);
        return true;
    }
}
