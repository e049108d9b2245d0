package org.hpcmfa.keycloak.allowlist.settings;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * "Login address allow-list" in Realm settings. The console stores the form as one component of the realm
 * (provider type UiTabProvider, this provider id), which {@link AllowlistSettings#of} reads. Numbers must be in
 * range; a save by an admin is also checked against the realm (the firewall role must exist), an import is not.
 */
public class AllowlistSettingsTab extends ConsoleTab {

    public static final String ID = "hpc-login-address-settings-tab";

    public AllowlistSettingsTab() {
        super(ID, REALM_SETTINGS, "login-addresses", "login-address-allowlist.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        AllowlistSettings defaults = AllowlistSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(AllowlistSettings.ENABLED).label("login-address-allowlist.consoleEnabled")
                .helpText("login-address-allowlist.consoleEnabledHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(defaults.enabled())).add()
                .property().name(AllowlistSettings.DAYS).label("login-address-allowlist.consoleDays")
                .helpText("login-address-allowlist.consoleDaysHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(defaults.days())).add()
                .property().name(AllowlistSettings.MAX_PER_USER).label("login-address-allowlist.consoleMaxPerUser")
                .helpText("login-address-allowlist.consoleMaxPerUserHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(defaults.maxPerUser())).add()
                .property().name(AllowlistSettings.FIREWALL_ROLE).label("login-address-allowlist.consoleFirewallRole")
                .helpText("login-address-allowlist.consoleFirewallRoleHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(defaults.firewallRole()).add()
                .build();
    }

    /** The realm's saved form, if an admin (or an import) ever saved it. */
    static Optional<Function<String, String>> stored(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(c -> ID.equals(c.getProviderId()))
                .findFirst()
                .map(c -> c.getConfig()::getFirst);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .anyMatch(c -> ID.equals(c.getProviderId()) && !c.getId().equals(model.getId()))) {
            // One form per realm, or which one counts would depend on the database's order.
            throw new ComponentValidationException("login-address-allowlist.consoleAlreadySaved");
        }
        requireRange(model, AllowlistSettings.DAYS, AllowlistSettings.MIN_DAYS, AllowlistSettings.MAX_DAYS);
        requireRange(model, AllowlistSettings.MAX_PER_USER, AllowlistSettings.MIN_PER_USER,
                AllowlistSettings.MAX_PER_USER_LIMIT);
        if (!savedByAnAdmin(session, realm)) {
            return; // a realm import (even one an admin posts) or a start-up: its roles may come later
        }
        String role = trimmed(model, AllowlistSettings.FIREWALL_ROLE);
        if (role != null && realm.getRole(role) == null) {
            throw new ComponentValidationException("login-address-allowlist.consoleNoSuchRole", role);
        }
    }

    private static void requireRange(ComponentModel model, String key, int min, int max) {
        requireRange(model, key, min, max, "login-address-allowlist.consoleNotInRange");
    }
}
