package org.hpcmfa.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hpcmfa.keycloak.sms.config.SmsConfig;
import org.hpcmfa.keycloak.sms.credential.SmsCredentialProvider;
import org.hpcmfa.keycloak.sms.gateway.SmsGateway;
import org.hpcmfa.keycloak.sms.gateway.SmsGatewayProviderFactory;
import org.hpcmfa.keycloak.sms.gateway.TwilioGatewayFactory;
import org.hpcmfa.keycloak.sms.gateway.WebhookGatewayFactory;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

public class SmsAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpc-sms";

    private static final SmsAuthenticator AUTHENTICATOR = new SmsAuthenticator();

    /** The settings shown in the console: the rules, then every installed gateway's. Filled once at start. */
    private List<ProviderConfigProperty> properties = SmsConfig.properties(List.of("twilio", "webhook"),
            builtInGatewaySettings());

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMS code";
    }

    @Override
    public String getHelpText() {
        return "Texts a one-time numeric code to the phone the user proved at enrolment and asks for it. Users without "
                + "a proven phone count as not configured (set-up: required action 'Set up SMS codes').";
    }

    /** "otp", so Keycloak's brute-force detection counts wrong codes (it only counts a few categories). */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /** Our own credential type, so the Account Console lists the phone among the second factors. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(SmsCredentialProvider.TYPE);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public void init(Config.Scope config) {
    }

    /** Gateways of other jars (a site's own provider) show their settings too. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        List<String> ids = new ArrayList<>();
        List<ProviderConfigProperty> settings = new ArrayList<>();
        factory.getProviderFactoriesStream(SmsGateway.class).map(SmsGatewayProviderFactory.class::cast)
                .sorted(java.util.Comparator.comparing(SmsGatewayProviderFactory::getId))
                .forEach(gateway -> {
                    ids.add(gateway.getId());
                    settings.addAll(gateway.settings());
                });
        properties = SmsConfig.properties(ids, settings);
    }

    private static List<ProviderConfigProperty> builtInGatewaySettings() {
        List<ProviderConfigProperty> settings = new ArrayList<>(new WebhookGatewayFactory().settings());
        settings.addAll(new TwilioGatewayFactory().settings());
        return settings;
    }

    @Override
    public void close() {
    }
}
