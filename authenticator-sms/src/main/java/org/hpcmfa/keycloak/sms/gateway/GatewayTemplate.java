package org.hpcmfa.keycloak.sms.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.common.codes.DeliveryFailure;

/**
 * Fills an admin's text (URL, header value, body) in one pass: {@code {to}}, {@code {text}}, {@code {code}} and
 * {@code {realm}} take the message's values, {@code ${vault.key}} the vault's secret. Every value is escaped for
 * where it lands (JSON string, form or URL parameter, header), and nothing inserted is read again, so a message can
 * never pull a secret in or break out of its string.
 */
public final class GatewayTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\$\\{vault\\.([A-Za-z0-9_.\\-]+)}|\\{(to|text|code|realm)}");

    /** How inserted values are escaped. */
    public enum Escaping {
        /** Inside a JSON string. */
        JSON(GatewayTemplate::json),
        /** A form or URL query parameter. */
        FORM(value -> URLEncoder.encode(value, StandardCharsets.UTF_8)),
        /** A header value or plain text body: line breaks would end a header, so they become spaces. */
        PLAIN(value -> value.replaceAll("[\\r\\n]+", " "));

        private final UnaryOperator<String> escape;

        Escaping(UnaryOperator<String> escape) {
            this.escape = escape;
        }

        /** The escaping a body of this content type needs. */
        public static Escaping forContentType(String contentType) {
            String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
            if (type.contains("json")) {
                return JSON;
            }
            return type.contains("x-www-form-urlencoded") ? FORM : PLAIN;
        }
    }

    private GatewayTemplate() {
    }

    public static String render(String template, SmsMessage message, SecretLookup secrets, Escaping escaping)
            throws DeliveryFailure {
        if (template == null) {
            return "";
        }
        Map<String, String> values = Map.of("to", message.to(), "text", message.text(), "code", message.code(),
                "realm", message.realm());
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) != null) {
                String key = m.group(1);
                value = secrets.secret(key).orElseThrow(() -> new DeliveryFailure(
                        "vault secret '" + key + "' not found", null));
            } else {
                value = values.get(m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escaping.escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
