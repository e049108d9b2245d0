package org.hpcmfa.keycloak.push.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The app's timestamps (ISO 8601, UTC, 'Z'), checked against a window before any RSA work is done. */
public final class Timestamps {

    public static final long POLL_WINDOW_SECONDS = 60;
    public static final long FIREBASE_UPDATE_WINDOW_SECONDS = 300;

    private Timestamps() {
    }

    /** True if {@code value} parses and lies within {@code windowSeconds} of {@code nowMillis}. */
    public static boolean withinWindow(String value, long nowMillis, long windowSeconds) {
        if (value == null || value.length() > 40) {
            return false;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withZone) {
            try {
                instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC); // no zone means UTC
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return Math.abs(instant.toEpochMilli() - nowMillis) <= windowSeconds * 1000;
    }
}
