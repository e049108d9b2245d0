package org.hpcmfa.keycloak.sshcert.binding;

import java.util.regex.Pattern;

/**
 * An SSH public key's fingerprint as {@code ssh-keygen -l} prints it and as the CLI sends it when it starts the
 * device login: {@code SHA256:} and 43 characters of unpadded base64. Nothing else is accepted, so the review page
 * never shows text an attacker chose beyond a fingerprint's alphabet.
 */
public final class KeyFingerprint {

    private static final Pattern SHA256 = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private KeyFingerprint() {
    }

    public static boolean valid(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /** What a person or script needs to know about a value that is not a fingerprint. */
    public static String problem(String value) {
        if (value == null || value.isBlank()) {
            return DeviceRequestParams.FINGERPRINT + " is empty: send the fingerprint of the public key to be "
                    + "certified, as 'ssh-keygen -lf key.pub' prints it (SHA256:...).";
        }
        return DeviceRequestParams.FINGERPRINT + " is not an OpenSSH SHA256 fingerprint: expected 'SHA256:' and 43 "
                + "base64 characters, as 'ssh-keygen -lf key.pub' prints it.";
    }
}
