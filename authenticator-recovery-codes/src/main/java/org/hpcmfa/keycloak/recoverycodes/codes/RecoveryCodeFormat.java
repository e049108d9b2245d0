package org.hpcmfa.keycloak.recoverycodes.codes;

import java.util.Locale;

/**
 * How recovery codes are written. Keycloak stores the hash of 12 upper-case letters and digits and shows them in
 * groups of four; people type them with or without the dashes, in any case, sometimes with spaces.
 */
public final class RecoveryCodeFormat {

    private RecoveryCodeFormat() {
    }

    /** "abcd-efgh 1234" is "ABCDEFGH1234": what was hashed. */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.replace("-", "").replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** Whether a normalised answer can be a recovery code at all (a 6-digit TOTP code cannot). */
    public static boolean looksLikeCode(String normalised) {
        return normalised.length() >= 8 && normalised.length() <= 64 && normalised.chars().allMatch(
                c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') && !normalised.chars().allMatch(Character::isDigit);
    }

    /** "ABCDEFGH1234" is shown as "ABCD-EFGH-1234", as Keycloak's own page shows codes. */
    public static String display(String code) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < code.length(); i += 4) {
            if (i > 0) {
                shown.append('-');
            }
            shown.append(code, i, Math.min(code.length(), i + 4));
        }
        return shown.toString();
    }

    /** The file the seed's CLI saves the codes to: {@code <username>_<issuer>_recovery_codes.txt}, safe characters only. */
    public static String fileName(String username, String issuer) {
        return safe(username) + "_" + safe(issuer) + "_recovery_codes.txt";
    }

    private static String safe(String part) {
        String cleaned = part == null ? "" : part.replaceAll("[^A-Za-z0-9._@-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
