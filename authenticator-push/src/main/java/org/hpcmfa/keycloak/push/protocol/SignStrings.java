package org.hpcmfa.keycloak.push.protocol;

/** The exact strings both sides sign (protocol spec sections 5.3, 6.2, 7.1 and 8), joined by '|'. */
public final class SignStrings {

    private SignStrings() {
    }

    /** Server to app; {@code presenceOptions} null for the standard mode. */
    public static String challenge(String nonce, String url, String serial, String question, String title,
            boolean sslVerify, String presenceOptions) {
        String base = String.join("|", nonce, url, serial, question, title, sslVerify ? "1" : "0");
        return presenceOptions == null ? base : base + "|" + presenceOptions;
    }

    /** App to server, as privacyIDEA rebuilds it: nonce|serial[|decline[|reason]][|presence answer]. */
    public static String answer(String nonce, String serial, boolean decline, String declineReason, String presenceAnswer) {
        StringBuilder s = new StringBuilder(nonce).append('|').append(serial);
        if (decline) {
            s.append("|decline");
            if (declineReason != null && !declineReason.isEmpty()) {
                s.append('|').append(declineReason);
            }
        }
        if (presenceAnswer != null && !presenceAnswer.isEmpty()) {
            s.append('|').append(presenceAnswer);
        }
        return s.toString();
    }

    public static String poll(String serial, String timestamp) {
        return serial + "|" + timestamp;
    }

    public static String firebaseTokenUpdate(String newToken, String serial, String timestamp) {
        return newToken + "|" + serial + "|" + timestamp;
    }
}
