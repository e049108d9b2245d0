package org.hpcmfa.keycloak.sms.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.hpcmfa.keycloak.sms.gateway.GatewayTemplate.Escaping;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;

/**
 * Any SMS provider with an HTTP API: the admin gives the URL, the method, headers and a body template
 * ({@link GatewayTemplate}), with secrets as {@code ${vault.key}}. Any 2xx answer means sent.
 */
public class WebhookGateway implements SmsGateway {

    public static final String ID = "webhook";
    public static final String URL = "webhook-url";
    public static final String METHOD = "webhook-method";
    public static final String HEADERS = "webhook-headers";
    public static final String CONTENT_TYPE = "webhook-content-type";
    public static final String BODY = "webhook-body";

    public static final String DEFAULT_CONTENT_TYPE = "application/json";
    public static final String DEFAULT_BODY = "{\"to\": \"{to}\", \"text\": \"{text}\"}";

    private final KeycloakSession session;

    public WebhookGateway(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws DeliveryFailure {
        GatewayHttp.send(session, request(settings, message, SecretLookup.vaultOf(session)), "SMS webhook");
    }

    /** The request the settings describe for {@code message}. */
    public static GatewayRequest request(Map<String, String> settings, SmsMessage message, SecretLookup secrets)
            throws DeliveryFailure {
        String method = value(settings, METHOD, "POST").toUpperCase(Locale.ROOT);
        if (!List.of("POST", "PUT", "GET").contains(method)) {
            throw new DeliveryFailure("SMS webhook method must be POST, PUT or GET", null);
        }
        String contentType = value(settings, CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
        String url = GatewayTemplate.render(settings.get(URL), message, secrets, Escaping.FORM);
        List<GatewayRequest.Header> headers = new ArrayList<>();
        for (String line : lines(settings.get(HEADERS))) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new DeliveryFailure("SMS webhook header is not 'Name: value'", null);
            }
            headers.add(new GatewayRequest.Header(line.substring(0, colon).trim(),
                    GatewayTemplate.render(line.substring(colon + 1).trim(), message, secrets, Escaping.PLAIN)));
        }
        String body = "GET".equals(method) ? "" : GatewayTemplate.render(value(settings, BODY, DEFAULT_BODY), message,
                secrets, Escaping.forContentType(contentType));
        return new GatewayRequest(method, url, headers, contentType, body);
    }

    static String value(Map<String, String> settings, String key, String fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** The console stores a multivalued string joined by "##"; hand-written JSON may use line breaks. */
    static List<String> lines(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(raw.split(Constants.CFG_DELIMITER + "|\\r?\\n"))
                .map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
