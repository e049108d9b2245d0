package org.hpcmfa.keycloak.sshterminal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** The tab is the settings' home: it declares every key the prompt reads, with the secure defaults and help. */
class TerminalSettingsTabTest {

    private final TerminalSettingsTab tab = new TerminalSettingsTab();

    @Test
    void itIsATabOfRealmSettings() {
        assertEquals("/:realm/realm-settings/:tab", tab.getPath());
        assertEquals(Map.of("tab", "ssh-terminal"), tab.getParams());
        assertTrue(tab.getHelpText().startsWith("ssh-terminal-prompt."));
    }

    @Test
    void theFormsDefaultsAreTheSettingsDefaults() {
        List<ProviderConfigProperty> properties = tab.getConfigProperties();
        Map<String, String> form = properties.stream().filter(p -> p.getDefaultValue() != null)
                .collect(Collectors.toMap(ProviderConfigProperty::getName, p -> p.getDefaultValue().toString()));
        assertEquals(TerminalSettings.DEFAULTS, TerminalSettings.from(form::get), "a saved, untouched form");
        assertEquals(List.of("terminal-gateway-role", "terminal-flow", "terminal-handle-seconds",
                "terminal-totp-clock-skew-hint", "terminal-totp-clock-skew-max-seconds"),
                properties.stream().map(ProviderConfigProperty::getName).toList(),
                "the keys the SSH CA form had, so the one-line migration copies them as they are");
        assertTrue(properties.stream().allMatch(p -> p.getLabel().startsWith("ssh-terminal-prompt.")
                && p.getHelpText().startsWith("ssh-terminal-prompt.")), "translated labels and help texts");
    }
}
