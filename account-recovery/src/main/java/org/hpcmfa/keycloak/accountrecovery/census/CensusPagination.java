package org.hpcmfa.keycloak.accountrecovery.census;

/**
 * Which users without a permanent factor the census lists: from position {@code first} (0-based, by username),
 * at most {@code max}. Parsed from the query string here rather than by JAX-RS, so a bad value gets the pack's
 * JSON error instead of the framework's plain 404.
 */
public record CensusPagination(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    /** A page the console and a script can hold comfortably; beyond it, page with {@code first}. */
    public static final int MAX_CAP = 1000;

    public CensusPagination {
        if (first < 0) {
            throw new InvalidPagination("first must be a whole number, 0 or more");
        }
        if (max < 0 || max > MAX_CAP) {
            throw new InvalidPagination("max must be a whole number from 0 to " + MAX_CAP);
        }
    }

    /** From the raw query parameters; an absent parameter takes its default (first 0, max 100). */
    public static CensusPagination parse(String first, String max) {
        return new CensusPagination(number(first, 0, "first must be a whole number, 0 or more"),
                number(max, DEFAULT_MAX, "max must be a whole number from 0 to " + MAX_CAP));
    }

    private static int number(String raw, int absent, String complaint) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidPagination(complaint);
        }
    }

    /** A {@code first} or {@code max} the census cannot use; the message is for the caller. */
    public static final class InvalidPagination extends IllegalArgumentException {

        public static final String CODE = "invalid_pagination";

        InvalidPagination(String message) {
            super(message);
        }
    }
}
