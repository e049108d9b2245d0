package org.hpcmfa.keycloak.sms.gateway;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class TwilioGatewayFactory implements SmsGatewayProviderFactory {

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new TwilioGateway(session);
    }

    @Override
    public String getId() {
        return TwilioGateway.ID;
    }

    @Override
    public List<ProviderConfigProperty> settings() {
        return ProviderConfigurationBuilder.create()
                .property().name(TwilioGateway.ACCOUNT_SID).label("Twilio: account SID")
                .helpText("Gateway 'twilio': the account SID (AC...), also the user name of the API's basic authentication.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(TwilioGateway.AUTH_TOKEN).label("Twilio: auth token")
                .helpText("The account's auth token as a vault reference, e.g. ${vault.twilio-auth-token}; "
                        + "Keycloak reads it from its vault when a message is sent.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("${vault.twilio-auth-token}").add()
                .property().name(TwilioGateway.FROM).label("Twilio: sender")
                .helpText("The sending number in E.164 form (+1...), or a messaging service SID (MG...).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(TwilioGateway.BASE_URL).label("Twilio: API base URL")
                .helpText("Default https://api.twilio.com. Change only for a Twilio-compatible provider or a test gateway.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(TwilioGateway.DEFAULT_BASE_URL).add()
                .build();
    }
}
