package org.hpcmfa.keycloak.sshterminal.settings;

import java.util.function.Function;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.keycloak.models.RealmModel;

/**
 * The SSH terminal prompt's settings: which role a login node's client needs, which flow lists the factors
 * offered at the prompt, how long a handle lives, and the clock-skew hint for refused TOTP codes. Set in Realm
 * settings, "SSH terminal prompt" tab ({@link TerminalSettingsTab}); a realm whose tab was never saved still reads
 * them from its SSH CA, where they were before (deprecated, {@link LegacyCaSettings}).
 */
public record TerminalSettings(String gatewayRole, String flowAlias, int handleSeconds, ClockSkewSettings totpClockSkew) {

    public static final String GATEWAY_ROLE = "terminal-gateway-role";
    public static final String FLOW = "terminal-flow";
    public static final String HANDLE_SECONDS = "terminal-handle-seconds";
    /** Prefix of the clock-skew keys: terminal-totp-clock-skew-hint, terminal-totp-clock-skew-max-seconds. */
    public static final String CLOCK_SKEW_PREFIX = "terminal-";

    public static final int MIN_HANDLE_SECONDS = 30;
    public static final int MAX_HANDLE_SECONDS = 600;

    public static final TerminalSettings DEFAULTS = new TerminalSettings("ssh-gateway", null, 120, ClockSkewSettings.DEFAULTS);

    /** The realm's settings: the tab's once saved, else the SSH CA's (deprecated), else the defaults. */
    public static TerminalSettings of(RealmModel realm) {
        return TerminalSettingsTab.stored(realm).or(() -> LegacyCaSettings.stored(realm))
                .map(TerminalSettings::from).orElse(DEFAULTS);
    }

    /** {@code config} maps a key to its raw value (null when absent); blank and unreadable values mean the default. */
    public static TerminalSettings from(Function<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        String role = config.apply(GATEWAY_ROLE);
        String flow = config.apply(FLOW);
        return new TerminalSettings(
                role == null || role.isBlank() ? DEFAULTS.gatewayRole : role.trim(),
                flow == null || flow.isBlank() ? null : flow.trim(),
                ConfigValues.intValue(config.apply(HANDLE_SECONDS), DEFAULTS.handleSeconds, MIN_HANDLE_SECONDS,
                        MAX_HANDLE_SECONDS),
                ClockSkewSettings.from(config, CLOCK_SKEW_PREFIX));
    }
}
