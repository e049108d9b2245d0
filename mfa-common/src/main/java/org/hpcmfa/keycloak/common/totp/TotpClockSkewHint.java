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
 * itself ({@link TotpSkewScan}) keeps no state and looks at past time steps only: it tells a user whose phone runs
 * behind why the code failed, and never confirms a code that will become valid later, so a guesser learns nothing
 * usable from it (a confirmed past code can never be accepted again). A phone that runs ahead gets the plain
 * refusal.
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
            }
        }
        // Belt and braces: whatever the scan returns, a code of the future is never confirmed.
        return nearest == null || nearest.offsetSeconds() >= 0 ? Optional.empty() : Optional.of(nearest);
    }
}
