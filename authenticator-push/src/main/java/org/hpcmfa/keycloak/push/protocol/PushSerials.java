package org.hpcmfa.keycloak.push.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;

/**
 * Device serials that name their user: {@code KCPU} + U(uuid) or X(any id) in base32 + 6 random characters. The
 * app identifies a phone by serial alone when it polls or answers, so the serial leads straight to the user's
 * credentials without any index; it reveals only Keycloak's internal user id, never a name. Upper-case
 * letters and digits only, as the protocol's sign strings require.
 */
public final class PushSerials {

    static final String PREFIX = "KCPU";
    private static final int RANDOM_CHARS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PushSerials() {
    }

    public static String create(String userId) {
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        String suffix = encode(random).substring(0, RANDOM_CHARS);
        try {
            UUID uuid = UUID.fromString(userId);
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            if (uuid.toString().equals(userId)) {
                return PREFIX + "U" + encode(bytes.array()) + suffix;
            }
        } catch (IllegalArgumentException notAUuid) {
            // fall through to the general form
        }
        return PREFIX + "X" + encode(userId.getBytes(StandardCharsets.UTF_8)) + suffix;
    }

    /** The user id inside a serial, if it is one of ours and well formed. */
    public static Optional<String> userId(String serial) {
        if (serial == null || serial.length() < PREFIX.length() + 1 + RANDOM_CHARS + 1 || serial.length() > 200
                || !serial.startsWith(PREFIX) || !serial.matches("[A-Z2-7]+")) {
            return Optional.empty();
        }
        String body = serial.substring(PREFIX.length() + 1, serial.length() - RANDOM_CHARS);
        byte[] bytes = new Base32().decode(body);
        char mode = serial.charAt(PREFIX.length());
        if (mode == 'U' && bytes.length == 16) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return Optional.of(new UUID(b.getLong(), b.getLong()).toString());
        }
        if (mode == 'X' && bytes.length > 0) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private static String encode(byte[] bytes) {
        return new Base32().encodeAsString(bytes).replace("=", "").toUpperCase(Locale.ROOT);
    }
}
