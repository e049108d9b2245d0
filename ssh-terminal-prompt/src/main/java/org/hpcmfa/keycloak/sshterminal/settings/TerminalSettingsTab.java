package org.hpcmfa.keycloak.sshterminal.settings;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * "SSH terminal prompt" in Realm settings: the prompt's settings, beside the realm's other login settings. The
 * console stores the form as one component of the realm (provider type UiTabProvider, this provider id), which
 * {@link TerminalSettings#of} reads. Numbers must be in range; a save by an admin is also checked against the
 * realm (the role and the flow must exist), a realm import is not, as its roles and flows may come later.
 */
public class TerminalSettingsTab extends ConsoleTab {

    public static final String ID = "hpc-ssh-terminal-tab";

    public TerminalSettingsTab() {
        super(ID, REALM_SETTINGS, "ssh-terminal", "ssh-terminal-prompt.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        TerminalSettings defaults = TerminalSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(TerminalSettings.GATEWAY_ROLE).label("ssh-terminal-prompt.consoleGatewayRole")
                .helpText("ssh-terminal-prompt.consoleGatewayRoleHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(defaults.gatewayRole()).add()
                .property().name(TerminalSettings.FLOW).label("ssh-terminal-prompt.consoleFlow")
                .helpText("ssh-terminal-prompt.consoleFlowHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(TerminalSettings.HANDLE_SECONDS).label("ssh-terminal-prompt.consoleHandleSeconds")
                .helpText("ssh-terminal-prompt.consoleHandleSecondsHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(defaults.handleSeconds())).add()
                .property().name(TerminalSettings.CLOCK_SKEW_PREFIX + ClockSkewSettings.HINT)
                .label("ssh-terminal-prompt.consoleClockSkewHint").helpText("ssh-terminal-prompt.consoleClockSkewHintHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(String.valueOf(defaults.totpClockSkew().hint())).add()
                .property().name(TerminalSettings.CLOCK_SKEW_PREFIX + ClockSkewSettings.MAX_SKEW_SECONDS)
                .label("ssh-terminal-prompt.consoleClockSkewMax").helpText("ssh-terminal-prompt.consoleClockSkewMaxHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(defaults.totpClockSkew().maxSkewSeconds())).add()
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
            throw new ComponentValidationException("ssh-terminal-prompt.consoleAlreadySaved");
        }
        requireRange(model, TerminalSettings.HANDLE_SECONDS, TerminalSettings.MIN_HANDLE_SECONDS,
                TerminalSettings.MAX_HANDLE_SECONDS);
        requireRange(model, TerminalSettings.CLOCK_SKEW_PREFIX + ClockSkewSettings.MAX_SKEW_SECONDS,
                ClockSkewSettings.MIN_SECONDS, ClockSkewSettings.MAX_SECONDS);
        if (!savedByAnAdmin(session, realm)) {
            return; // a realm import (even one an admin posts) or a start-up: its roles and flows may come later
        }
        String role = trimmed(model, TerminalSettings.GATEWAY_ROLE);
        if (role != null && realm.getRole(role) == null) {
            throw new ComponentValidationException("ssh-terminal-prompt.consoleNoSuchRole", role);
        }
        String flow = trimmed(model, TerminalSettings.FLOW);
        if (flow != null && realm.getFlowByAlias(flow) == null) {
            throw new ComponentValidationException("ssh-terminal-prompt.consoleNoSuchFlow", flow);
        }
    }

    private static void requireRange(ComponentModel model, String key, int min, int max) {
        requireRange(model, key, min, max, "ssh-terminal-prompt.consoleNotInRange");
    }
}
