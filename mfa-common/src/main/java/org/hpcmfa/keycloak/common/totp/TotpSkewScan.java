package org.hpcmfa.keycloak.common.totp;

import java.util.OptionalLong;
import java.util.function.BiPredicate;

import org.hpcmfa.keycloak.common.SecretHash;
import org.keycloak.models.utils.HmacOTP;

/**
 * The search behind the clock-skew hint, with no state and no Keycloak session: at which <em>past</em> time step
 * beyond the realm's look-around window, but within the maximum skew, does a code match a TOTP secret? Only past
 * steps are searched: a code of a past step can never become valid again, so confirming it gives a guesser nothing,
 * whereas a code of a future step would become valid later (issue 13). A phone whose clock runs ahead therefore gets
 * the plain refusal. Codes are generated
 * with Keycloak's own HOTP function ({@link HmacOTP}, as its TOTP validator does). Every candidate step is
 * generated and compared in constant time, whether or where the code matches, so the time the search takes says
 * nothing about the secret.
 */
public final class TotpSkewScan {

    /** A TOTP secret as Keycloak stores it: the raw key, the HMAC algorithm, the code length and the period. */
    public record Secret(byte[] key, String algorithm, int digits, int periodSeconds) {
    }

    private TotpSkewScan() {
    }

    /**
     * The offset in seconds of the nearest past step whose code is {@code code} (always negative: the phone's clock
     * is behind), or empty. Steps within {@code lookAroundSteps} of now are never reported: Keycloak itself accepts
     * those, so a refusal there has another cause (a replayed code). Future steps are never searched.
     */
    public static OptionalLong offsetSeconds(Secret secret, String code, long nowSeconds, int lookAroundSteps,
            int maxSkewSeconds) {
        return offsetSeconds(secret, code, nowSeconds, lookAroundSteps, maxSkewSeconds, SecretHash::constantTimeEquals);
    }

    /** The same, with the comparison given (tests count the comparisons). */
    static OptionalLong offsetSeconds(Secret secret, String code, long nowSeconds, int lookAroundSteps,
            int maxSkewSeconds, BiPredicate<String, String> equal) {
        int period = secret.periodSeconds();
        if (code == null || period <= 0 || code.length() != secret.digits()) {
            return OptionalLong.empty();
        }
        long currentStep = Math.floorDiv(nowSeconds, period);
        int maxSteps = maxSkewSeconds / period;
        HmacOTP hotp = new HmacOTP(secret.digits(), secret.algorithm(), 0);
        long nearest = 0;
        boolean found = false;
        for (int distance = Math.max(1, lookAroundSteps + 1); distance <= maxSteps; distance++) {
            // Past steps only; no early exit, see the class comment.
            long step = currentStep - distance;
            String candidate = hotp.generateOTP(secret.key(), Long.toHexString(step).toUpperCase(),
                    secret.digits(), secret.algorithm());
            boolean match = equal.test(candidate, code);
            if (match && !found) {
                nearest = -distance;
                found = true;
            }
        }
        return found ? OptionalLong.of(nearest * period) : OptionalLong.empty();
    }
}
