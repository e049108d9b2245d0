package org.hpcmfa.keycloak.sshcert.terminal;

import java.util.ArrayList;
import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The SSH terminal prompt's settings, on the realm's SSH CA (Realm settings, Keys, Providers): which role a
 * login node's client needs, which flow lists the factors offered at the prompt, how long a handle lives, and the
 * clock-skew hint for refused TOTP codes.
 */
public record TerminalSettings(String gatewayRole, String flowAlias, int handleSeconds, ClockSkewSettings totpClockSkew) {

    public static final String GATEWAY_ROLE = "terminal-gateway-role";
    public static final String FLOW = "terminal-flow";
    public static final String HANDLE_SECONDS = "terminal-handle-seconds";
    /** Prefix of the clock-skew keys on the CA component: terminal-totp-clock-skew-hint, ...-max-seconds. */
    public static final String CLOCK_SKEW_PREFIX = "terminal-";

    public static final TerminalSettings DEFAULTS = new TerminalSettings("ssh-gateway", null, 120, ClockSkewSettings.DEFAULTS);

    public static TerminalSettings from(MultivaluedHashMap<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        String role = config.getFirst(GATEWAY_ROLE);
        String flow = config.getFirst(FLOW);
        return new TerminalSettings(
                role == null || role.isBlank() ? DEFAULTS.gatewayRole : role.trim(),
                flow == null || flow.isBlank() ? null : flow.trim(),
                ConfigValues.intValue(config.getFirst(HANDLE_SECONDS), DEFAULTS.handleSeconds, 30, 600),
                ClockSkewSettings.from(config::getFirst, CLOCK_SKEW_PREFIX));
    }

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(GATEWAY_ROLE).label("Terminal prompt: gateway role")
                .helpText("Login nodes call /realms/{realm}/ssh-terminal with a client-credentials token of a "
                        + "confidential client whose service account has this realm role (default ssh-gateway). "
                        + "To also get certificates there, list that client in 'Clients allowed to get certificates'.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULTS.gatewayRole).add()
                .property().name(FLOW).label("Terminal prompt: factors flow")
                .helpText("Alias of an authentication flow (e.g. the SSH device login's second-factor sub-flow): the "
                        + "enabled OTP form, push and email-code executions in it are the factors offered at the "
                        + "terminal prompt, with their settings. Empty: TOTP and push with default settings, no email.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(HANDLE_SECONDS).label("Terminal prompt: answer within (seconds)")
                .helpText("How long the prompt's handle stays valid (30 to 600). It can be used once.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.handleSeconds)).add()
                .build());
        properties.addAll(ClockSkewSettings.properties(CLOCK_SKEW_PREFIX, "Terminal prompt: "));
        return properties;
    }
}
