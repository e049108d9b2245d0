package org.hpcmfa.keycloak.common;

/**
 * Reads admin-entered configuration values. Keycloak saves authenticator and component configs without asking
 * the provider, so a blank or unreadable value means the default and numbers are clamped to sane bounds.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static int intValue(String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    public static boolean bool(String raw, boolean fallback) {
        return raw == null || raw.isBlank() ? fallback : Boolean.parseBoolean(raw.trim());
    }
}
