package org.hpcmfa.keycloak.common.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.hpcmfa.keycloak.common.SecretHash;
import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.TimeBasedOTP;

/** The skew search against codes made by Keycloak's own TOTP generator at shifted clocks. */
class TotpSkewScanTest {

    private static final byte[] KEY = "a-twenty-byte-secret".getBytes(StandardCharsets.UTF_8);
    private static final TotpSkewScan.Secret SECRET = new TotpSkewScan.Secret(KEY, "HmacSHA1", 6, 30);
    /** A moment 10 s into a 30-second period, so +/- whole minutes stay whole steps. */
    private static final long NOW = 1_700_000_010L;
    private static final int WINDOW = 1;
    private static final int MAX = 600;

    /** The code a phone whose clock is {@code offsetSeconds} ahead shows at NOW. */
    private static String phoneCode(TotpSkewScan.Secret secret, long offsetSeconds) {
        TimeBasedOTP generator = new TimeBasedOTP(secret.algorithm(), secret.digits(), secret.periodSeconds(), 0);
        Calendar at = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        at.setTimeInMillis((NOW + offsetSeconds) * 1000);
        generator.setCalendar(at);
        return generator.generateTOTP(secret.key());
    }

    private static OptionalLong scan(String code) {
        return TotpSkewScan.offsetSeconds(SECRET, code, NOW, WINDOW, MAX);
    }

    @Test
    void aPhoneAheadIsNeverConfirmedBecauseItsCodeBecomesValidLater() {
        // Issue 13: a code of a future step would be a valid code later; confirming it would help a guesser.
        for (long offset = 30; offset <= MAX + 60; offset += 30) {
            assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, offset)), "a code " + offset + " s ahead");
        }
    }

    @Test
    void aGuesserLearnsNothingAboutFutureCodesEvenWithAHugeMaximum() {
        // Every code of the next hour is refused without a hint, whatever maximum the admin sets.
        for (long offset = 30; offset <= 3600; offset += 30) {
            assertEquals(OptionalLong.empty(), TotpSkewScan.offsetSeconds(SECRET, phoneCode(SECRET, offset), NOW, 0,
                    3600), "a code " + offset + " s ahead");
        }
    }

    @Test
    void aPhoneSevenMinutesBehindIsFound() {
        assertEquals(OptionalLong.of(-420), scan(phoneCode(SECRET, -420)));
    }

    @Test
    void aPhoneTwentyMinutesOffIsBeyondTheMaximum() {
        assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, 1200)));
        assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, -1200)));
        assertEquals(OptionalLong.of(-1200), TotpSkewScan.offsetSeconds(SECRET, phoneCode(SECRET, -1200), NOW, WINDOW, 1800),
                "within a larger maximum it is found");
    }

    @Test
    void codesWithinTheNormalWindowAreNotReported() {
        // Keycloak accepts these itself; refused, they were replayed, and the clock is fine.
        assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, 0)));
        assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, 30)));
        assertEquals(OptionalLong.empty(), scan(phoneCode(SECRET, -30)));
        assertEquals(OptionalLong.of(-60), scan(phoneCode(SECRET, -60)), "the first step beyond the window");
        assertEquals(OptionalLong.empty(), TotpSkewScan.offsetSeconds(SECRET, phoneCode(SECRET, -60), NOW, 2, MAX),
                "a wider realm window accepts it, so it is not reported");
    }

    @Test
    void unrelatedOrMalformedInputIsNotReported() {
        String code = phoneCode(SECRET, -180);
        String other = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        OptionalLong found = scan(other);
        // A random 6-digit value matches one of the 19 steps with a chance of about 2e-5; this one is fixed.
        assertTrue(found.isEmpty() || found.getAsLong() != -180, "a neighbouring value is not the -3 min code");
        assertEquals(OptionalLong.empty(), scan(code + "0"), "wrong length");
        assertEquals(OptionalLong.empty(), scan(null));
        assertEquals(OptionalLong.empty(), scan("abcdef"));
    }

    @Test
    void otherAlgorithmsDigitsAndPeriodsFollowTheCredential() {
        TotpSkewScan.Secret sha256 = new TotpSkewScan.Secret(KEY, "HmacSHA256", 8, 60);
        assertEquals(OptionalLong.of(-240), TotpSkewScan.offsetSeconds(sha256, phoneCode(sha256, -240), NOW, WINDOW, MAX));
        assertEquals(OptionalLong.empty(), TotpSkewScan.offsetSeconds(sha256, phoneCode(sha256, 60), NOW, WINDOW, MAX),
                "one 60-second step is inside the window");
    }

    @Test
    void everyCandidateIsComparedInConstantTimeWhereverTheCodeMatches() {
        int expected = MAX / 30 - WINDOW; // 19 past steps beyond the window
        for (long offset : new long[] {180, -420, 1200, 0}) {
            AtomicInteger comparisons = new AtomicInteger();
            BiPredicate<String, String> counting = (a, b) -> {
                comparisons.incrementAndGet();
                return SecretHash.constantTimeEquals(a, b);
            };
            TotpSkewScan.offsetSeconds(SECRET, phoneCode(SECRET, offset), NOW, WINDOW, MAX, counting);
            assertEquals(expected, comparisons.get(), "no early exit for a code at " + offset + " s");
        }
    }

    @Test
    void theConstantTimeComparisonIsExact() {
        assertTrue(SecretHash.constantTimeEquals("123456", "123456"));
        assertFalse(SecretHash.constantTimeEquals("123456", "123457"));
        assertFalse(SecretHash.constantTimeEquals("123456", "1234567"));
        assertFalse(SecretHash.constantTimeEquals("123456", null));
        assertFalse(SecretHash.constantTimeEquals(null, null));
    }
}
