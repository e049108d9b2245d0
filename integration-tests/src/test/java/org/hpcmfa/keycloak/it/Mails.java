package org.hpcmfa.keycloak.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reading what Keycloak mailed: the text and HTML parts, and the code in them. */
public final class Mails {

    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6,8})(?!\\d)");

    private Mails() {
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The one-time code in the text part. */
    public static String code(MimeMessage message) {
        Matcher m = CODE.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no code in mail: " + text(message));
        }
        return m.group(1);
    }

    private static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
