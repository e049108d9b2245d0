package org.hpcmfa.keycloak.push.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://pipush/...} URI of the enrolment QR code (spec section 3), in privacyIDEA's order. Label
 * and issuer must be free of ':', '/' and '%', which the app would split or decode again.
 */
public final class EnrollmentUri {

    private EnrollmentUri() {
    }

    public static String build(String label, String url, int ttlMinutes, String issuer, String enrollmentCredential,
            String serial, boolean sslVerify, boolean pollOnly) {
        return "otpauth://pipush/" + encode(clean(label))
                + "?url=" + encode(url)
                + "&ttl=" + ttlMinutes
                + "&issuer=" + encode(clean(issuer))
                + "&enrollment_credential=" + enrollmentCredential
                + "&v=1"
                + "&serial=" + serial
                + "&sslverify=" + (sslVerify ? "1" : "0")
                + "&poll_only=" + (pollOnly ? "True" : "False");
    }

    static String clean(String text) {
        return text == null ? "" : text.replaceAll("[:/%]", " ").trim();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
