package org.hpcmfa.keycloak.sms.gateway;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class WebhookGatewayFactory implements SmsGatewayProviderFactory {

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new WebhookGateway(session);
    }

    @Override
    public String getId() {
        return WebhookGateway.ID;
    }

    @Override
    public List<ProviderConfigProperty> settings() {
        return ProviderConfigurationBuilder.create()
                .property().name(WebhookGateway.URL).label("Webhook: URL")
                .helpText("Gateway 'webhook': the URL the message is sent to, e.g. https://sms.example.org/send. "
                        + "May contain {to}, {text}, {code}, {realm} (URL-encoded) and ${vault.key}.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(WebhookGateway.METHOD).label("Webhook: method")
                .helpText("HTTP method: POST (default), PUT, or GET (no body; put the values in the URL).")
                .type(ProviderConfigProperty.LIST_TYPE).options("POST", "PUT", "GET").defaultValue("POST").add()
                .property().name(WebhookGateway.HEADERS).label("Webhook: headers")
                .helpText("One 'Name: value' per entry, e.g. 'Authorization: Bearer ${vault.sms-token}'. Secrets "
                        + "belong in Keycloak's vault, never here in clear: ${vault.key} is replaced when a message is sent.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(WebhookGateway.CONTENT_TYPE).label("Webhook: content type")
                .helpText("Content type of the body. JSON bodies get JSON-escaped values, "
                        + "application/x-www-form-urlencoded bodies URL-encoded ones.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(WebhookGateway.DEFAULT_CONTENT_TYPE).add()
                .property().name(WebhookGateway.BODY).label("Webhook: body template")
                .helpText("The body, with {to} (E.164 number), {text} (the whole message), {code}, {realm} and "
                        + "${vault.key}. Default: " + WebhookGateway.DEFAULT_BODY)
                .type(ProviderConfigProperty.TEXT_TYPE).defaultValue(WebhookGateway.DEFAULT_BODY).add()
                .build();
    }
}
