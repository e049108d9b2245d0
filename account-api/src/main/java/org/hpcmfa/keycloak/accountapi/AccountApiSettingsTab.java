package org.hpcmfa.keycloak.accountapi;

import java.util.List;

import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceSettings;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * "MFA command" in Realm settings: the rules of the terminal {@code mfa} command (account API and removal by
 * token), read by mfa-common's {@link SelfServiceSettings}, so account-recovery's removal endpoint follows them too.
 */
public class AccountApiSettingsTab extends ConsoleTab {

    public AccountApiSettingsTab() {
        super(SelfServiceSettings.TAB_ID, REALM_SETTINGS, "mfa-command", "account-api.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        SelfServiceSettings d = SelfServiceSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(SelfServiceSettings.ALLOWED_CLIENTS).label("account-api.consoleAllowedClients")
                .helpText("account-api.consoleAllowedClientsHelp").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.join(" ", d.allowedClients().stream().sorted().toList())).add()
                .property().name(SelfServiceSettings.MAX_AUTH_AGE).label("account-api.consoleMaxAuthAge")
                .helpText("account-api.consoleMaxAuthAgeHelp").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(d.maxAuthAgeSeconds())).add()
                .property().name(SelfServiceSettings.ENROLMENT_SECONDS).label("account-api.consoleEnrolmentSeconds")
                .helpText("account-api.consoleEnrolmentSecondsHelp").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(d.enrolmentSeconds())).add()
                .property().name(SelfServiceSettings.HOURLY_LIMIT).label("account-api.consoleHourlyLimit")
                .helpText("account-api.consoleHourlyLimitHelp").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(d.hourlyLimit())).add()
                .build();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .anyMatch(c -> getId().equals(c.getProviderId()) && !c.getId().equals(model.getId()))) {
            throw new ComponentValidationException("account-api.consoleAlreadySaved");
        }
        requireRange(model, SelfServiceSettings.MAX_AUTH_AGE, SelfServiceSettings.MIN_AUTH_AGE,
                SelfServiceSettings.MAX_AUTH_AGE_LIMIT, "account-api.consoleNotInRange");
        requireRange(model, SelfServiceSettings.ENROLMENT_SECONDS, SelfServiceSettings.MIN_ENROLMENT,
                SelfServiceSettings.MAX_ENROLMENT, "account-api.consoleNotInRange");
        requireRange(model, SelfServiceSettings.HOURLY_LIMIT, SelfServiceSettings.MIN_HOURLY,
                SelfServiceSettings.MAX_HOURLY, "account-api.consoleNotInRange");
        trimmed(model, SelfServiceSettings.ALLOWED_CLIENTS);
    }
}
