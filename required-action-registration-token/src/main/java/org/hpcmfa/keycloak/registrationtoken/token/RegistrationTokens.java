package org.hpcmfa.keycloak.registrationtoken.token;

import java.util.Locale;

import org.keycloak.common.util.SecretGenerator;

/**
 * Registration tokens as people read them in a mail and type them into a password field: 16 symbols of
 * Crockford's base32 (80 bits), shown in groups of four. The alphabet has no I, L, O or U, and typing
 * lower case, spaces, dashes, O for 0 or I/L for 1 still works.
 */
public final class RegistrationTokens {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 16;
    private static final int GROUP = 4;

    private RegistrationTokens() {
    }

    /** A new token in its display form, e.g. {@code 7KQ2-M9XD-4HTF-8WPA}. */
    public static String generate() {
        String raw = SecretGenerator.getInstance().randomString(LENGTH, ALPHABET.toCharArray());
        StringBuilder grouped = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < raw.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                grouped.append('-');
            }
            grouped.append(raw.charAt(i));
        }
        return grouped.toString();
    }

    /**
     * The canonical form that is hashed and compared: upper case, separators dropped, look-alikes mapped.
     * Returns null when the input cannot be a token at all (wrong length or symbols), so callers can tell a
     * typed TOTP code or recovery code from a token without a hash comparison.
     */
    public static String normalize(String input) {
        if (input == null) {
            return null;
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : input.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (indexOf(mapped) < 0) {
                return null;
            }
            canonical.append(mapped);
        }
        return canonical.length() == LENGTH ? canonical.toString() : null;
    }

    private static int indexOf(char c) {
        return ALPHABET.indexOf(c);
    }
}
