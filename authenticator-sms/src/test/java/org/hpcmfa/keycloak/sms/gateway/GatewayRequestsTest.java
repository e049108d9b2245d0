package org.hpcmfa.keycloak.sms.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.hpcmfa.keycloak.sms.gateway.GatewayTemplate.Escaping;
import org.junit.jupiter.api.Test;

/** Template rendering, vault references and the two gateways' request shapes, without a network. */
class GatewayRequestsTest {

    private static final SmsMessage MESSAGE = new SmsMessage("+32470123456", "123456 is your \"Demo\" code.\nBye",
            "123456", "Demo & Co");
    private static final SecretLookup VAULT = key -> "sms-token".equals(key) ? Optional.of("s3cr\"et") : Optional.empty();

    @Test
    void placeholdersAreEscapedForWhereTheyLand() throws DeliveryFailure {
        assertEquals("{\"to\": \"+32470123456\", \"text\": \"123456 is your \\\"Demo\\\" code.\\nBye\", \"r\": \"Demo \\u0026 Co\"}",
                GatewayTemplate.render("{\"to\": \"{to}\", \"text\": \"{text}\", \"r\": \"{realm}\"}", MESSAGE, VAULT, Escaping.JSON));
        assertEquals("to=%2B32470123456&code=123456",
                GatewayTemplate.render("to={to}&code={code}", MESSAGE, VAULT, Escaping.FORM));
        assertEquals("123456 is your \"Demo\" code. Bye", GatewayTemplate.render("{text}", MESSAGE, VAULT, Escaping.PLAIN));
        assertEquals("{unknown} stays", GatewayTemplate.render("{unknown} stays", MESSAGE, VAULT, Escaping.PLAIN));
    }

    @Test
    void vaultReferencesAreReplacedOnceAndAMissingSecretIsAClearFailure() throws DeliveryFailure {
        assertEquals("Bearer s3cr\"et", GatewayTemplate.render("Bearer ${vault.sms-token}", MESSAGE, VAULT, Escaping.PLAIN));
        // A message that looks like a vault reference is not resolved: nothing inserted is read again.
        SmsMessage sneaky = new SmsMessage("+32470123456", "${vault.sms-token}", "1", "r");
        assertEquals("${vault.sms-token}", GatewayTemplate.render("{text}", sneaky, VAULT, Escaping.PLAIN));
        DeliveryFailure missing = assertThrows(DeliveryFailure.class,
                () -> GatewayTemplate.render("${vault.nope}", MESSAGE, VAULT, Escaping.PLAIN));
        assertEquals("vault secret 'nope' not found", missing.publicReason());
    }

    @Test
    void theWebhookSendsWhatTheAdminDescribed() throws DeliveryFailure {
        GatewayRequest request = WebhookGateway.request(Map.of(
                WebhookGateway.URL, "https://sms.example.org/send?realm={realm}",
                WebhookGateway.HEADERS, "Authorization: Bearer ${vault.sms-token}##X-Site: hpc",
                WebhookGateway.BODY, "{\"number\": \"{to}\", \"message\": \"{text}\"}"), MESSAGE, VAULT);
        assertEquals("POST", request.method());
        assertEquals("https://sms.example.org/send?realm=Demo+%26+Co", request.url());
        assertEquals("Authorization", request.headers().get(0).name());
        assertEquals("Bearer s3cr\"et", request.headers().get(0).value());
        assertEquals("hpc", request.headers().get(1).value());
        assertEquals("application/json", request.contentType());
        assertTrue(request.body().startsWith("{\"number\": \"+32470123456\", \"message\": \"123456 is your"), request.body());

        assertThrows(DeliveryFailure.class, () -> WebhookGateway.request(Map.of(WebhookGateway.HEADERS, "no colon"), MESSAGE, VAULT));
        assertThrows(DeliveryFailure.class, () -> WebhookGateway.request(Map.of(WebhookGateway.METHOD, "DELETE"), MESSAGE, VAULT));
    }

    @Test
    void twilioGetsItsMessagesApiShape() throws DeliveryFailure {
        GatewayRequest request = TwilioGateway.request(Map.of(
                TwilioGateway.BASE_URL, "http://localhost:8089/",
                TwilioGateway.ACCOUNT_SID, "AC123",
                TwilioGateway.AUTH_TOKEN, "${vault.sms-token}",
                TwilioGateway.FROM, "+15005550006"), MESSAGE, VAULT);
        assertEquals("http://localhost:8089/2010-04-01/Accounts/AC123/Messages.json", request.url());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("AC123:s3cr\"et".getBytes(StandardCharsets.UTF_8)),
                request.headers().get(0).value());
        assertEquals("application/x-www-form-urlencoded", request.contentType());
        assertTrue(request.body().startsWith("To=%2B32470123456&From=%2B15005550006&Body=123456+is+your"), request.body());

        GatewayRequest service = TwilioGateway.request(Map.of(TwilioGateway.ACCOUNT_SID, "AC123",
                TwilioGateway.AUTH_TOKEN, "t", TwilioGateway.FROM, "MG42"), MESSAGE, VAULT);
        assertTrue(service.url().startsWith("https://api.twilio.com/"), service.url());
        assertTrue(service.body().contains("&MessagingServiceSid=MG42&"), service.body());
        assertThrows(DeliveryFailure.class, () -> TwilioGateway.request(Map.of(TwilioGateway.ACCOUNT_SID, "../x",
                TwilioGateway.AUTH_TOKEN, "t", TwilioGateway.FROM, "+1"), MESSAGE, VAULT));
    }

    @Test
    void aProvidersErrorCodeIsAllThatIsKeptOfItsAnswer() {
        assertEquals(" (error 21211)", GatewayHttp.providerError("{\"code\": 21211, \"message\": \"The 'To' number +32... is not valid\"}"));
        assertEquals("", GatewayHttp.providerError("<html>Bad gateway</html>"));
    }
}
