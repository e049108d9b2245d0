package org.hpcmfa.keycloak.sms.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.hpcmfa.keycloak.sms.gateway.GatewayTemplate.Escaping;
import org.keycloak.models.KeycloakSession;

/**
 * Twilio's Programmable Messaging API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, HTTP basic
 * authentication with the account SID and auth token, a form with {@code To}, {@code From} (or
 * {@code MessagingServiceSid}) and {@code Body}; 201 when accepted. The base URL is a setting, so tests (and
 * Twilio-compatible providers) can point it elsewhere.
 */
public class TwilioGateway implements SmsGateway {

    public static final String ID = "twilio";
    public static final String BASE_URL = "twilio-base-url";
    public static final String ACCOUNT_SID = "twilio-account-sid";
    public static final String AUTH_TOKEN = "twilio-auth-token";
    public static final String FROM = "twilio-from";

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");

    private final KeycloakSession session;

    public TwilioGateway(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws DeliveryFailure {
        GatewayHttp.send(session, request(settings, message, SecretLookup.vaultOf(session)), "Twilio");
    }

    public static GatewayRequest request(Map<String, String> settings, SmsMessage message, SecretLookup secrets)
            throws DeliveryFailure {
        String sid = GatewayTemplate.render(WebhookGateway.value(settings, ACCOUNT_SID, ""), message, secrets, Escaping.PLAIN);
        if (!SID.matcher(sid).matches()) {
            throw new DeliveryFailure("Twilio account SID is missing or malformed", null);
        }
        String token = GatewayTemplate.render(WebhookGateway.value(settings, AUTH_TOKEN, ""), message, secrets, Escaping.PLAIN);
        String from = WebhookGateway.value(settings, FROM, "");
        if (token.isEmpty() || from.isEmpty()) {
            throw new DeliveryFailure("Twilio auth token or sender is not configured", null);
        }
        String base = WebhookGateway.value(settings, BASE_URL, DEFAULT_BASE_URL).replaceAll("/+$", "");
        String sender = from.startsWith("MG") ? "MessagingServiceSid=" : "From=";
        String body = "To=" + form(message.to()) + "&" + sender + form(from) + "&Body=" + form(message.text());
        String basic = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        return new GatewayRequest("POST", base + "/2010-04-01/Accounts/" + sid + "/Messages.json",
                List.of(new GatewayRequest.Header("Authorization", "Basic " + basic)),
                "application/x-www-form-urlencoded", body);
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
