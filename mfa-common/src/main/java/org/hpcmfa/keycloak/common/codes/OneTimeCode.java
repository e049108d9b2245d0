package org.hpcmfa.keycloak.common.codes;

import org.keycloak.common.util.SecretGenerator;

/** Numeric one-time codes as people read them in a mail or a text message and type them back. */
public final class OneTimeCode {

    private OneTimeCode() {
    }

    public static String generate(int digits) {
        return SecretGenerator.getInstance().randomString(digits, SecretGenerator.DIGITS);
    }

    /** What people type: spaces, dashes and dots between digit groups are not part of the code. */
    public static String normalize(String input) {
        return input == null ? null : input.replaceAll("[\\s.\\-]", "");
    }
}
