package org.hpcmfa.keycloak.sshterminal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;

class TerminalSettingsTest {

    @Test
    void noConfigMeansTheSecureDefaults() {
        TerminalSettings settings = TerminalSettings.from(null);
        assertEquals("ssh-gateway", settings.gatewayRole());
        assertNull(settings.flowAlias(), "no flow: TOTP and push only, never email");
        assertEquals(120, settings.handleSeconds());
        assertEquals(ClockSkewSettings.DEFAULTS, settings.totpClockSkew(), "clock-skew hint on, 10 minutes");
    }

    @Test
    void theClockSkewHintHasItsOwnTerminalKeys() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("terminal-totp-clock-skew-hint", "false");
        config.putSingle("terminal-totp-clock-skew-max-seconds", "300");
        config.putSingle("totp-clock-skew-hint", "true");
        TerminalSettings settings = TerminalSettings.from(config::getFirst);
        assertFalse(settings.totpClockSkew().hint());
        assertEquals(300, settings.totpClockSkew().maxSkewSeconds());
        assertTrue(new TerminalSettingsTab().getConfigProperties().stream()
                .anyMatch(p -> p.getName().equals("terminal-totp-clock-skew-max-seconds") && p.getHelpText() != null));
    }

    @Test
    void valuesAreTrimmedAndClamped() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(TerminalSettings.GATEWAY_ROLE, " login-nodes ");
        config.putSingle(TerminalSettings.FLOW, " ");
        config.putSingle(TerminalSettings.HANDLE_SECONDS, "86400");
        TerminalSettings settings = TerminalSettings.from(config::getFirst);
        assertEquals("login-nodes", settings.gatewayRole());
        assertNull(settings.flowAlias());
        assertEquals(600, settings.handleSeconds());
        config.putSingle(TerminalSettings.HANDLE_SECONDS, "soon");
        assertEquals(120, TerminalSettings.from(config::getFirst).handleSeconds());
    }
}
