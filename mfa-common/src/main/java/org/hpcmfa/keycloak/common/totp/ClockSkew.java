package org.hpcmfa.keycloak.common.totp;

import java.util.List;

/**
 * A refused TOTP code that matches the user's secret at another time: the phone's clock is off by about
 * {@code offsetSeconds} (positive: ahead). Carries what the page, the terminal and the event say about it.
 */
public record ClockSkew(String credentialId, long offsetSeconds) {

    /** LOGIN_ERROR event detail: the signed offset in seconds. */
    public static final String EVENT_DETAIL = "totp_clock_skew_seconds";
    /** "... off by about {0} minutes ..." (login theme messages, en/fr/nl/de). */
    public static final String MSG_MINUTES = "mfa-common.totpClockSkew";
    /** "... off by about 1 minute ...". */
    public static final String MSG_ONE_MINUTE = "mfa-common.totpClockSkewOneMinute";

    /** Whole minutes for the user, at least 1: a 60-second skew is "about 1 minute", 270 seconds "about 5". */
    public long minutes() {
        return Math.max(1, Math.round(Math.abs(offsetSeconds) / 60.0));
    }

    public String messageKey() {
        return minutes() == 1 ? MSG_ONE_MINUTE : MSG_MINUTES;
    }

    public List<String> messageParameters() {
        return List.of(String.valueOf(minutes()));
    }

    public String eventDetailValue() {
        return String.valueOf(offsetSeconds);
    }
}
