package org.hpcmfa.keycloak.sms.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin's settings of one SMS-code execution: the code rules (as for email codes, with the SMS limits' own
 * defaults: texts cost money) and the gateway with its settings. Missing or unreadable values fall back to secure
 * defaults, numbers are clamped, because Keycloak saves authenticator configs without asking the provider.
 */
public record SmsConfig(CodeRules rules, String gateway, Map<String, String> settings) {

    public static final String CODE_LENGTH = "code-length";
    public static final String CODE_TTL = "code-ttl-seconds";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String RESEND_COOLDOWN = "resend-cooldown-seconds";
    public static final String MAX_SMS_PER_HOUR = "max-sms-per-hour";
    public static final String GATEWAY = "gateway";

    public static final CodeRules DEFAULT_RULES = new CodeRules(6, 300, 5, 60, 5);

    public static SmsConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return from(c);
    }

    public static SmsConfig from(Map<String, String> c) {
        CodeRules d = DEFAULT_RULES;
        CodeRules rules = new CodeRules(
                ConfigValues.intValue(c.get(CODE_LENGTH), d.codeLength(), 6, 8),
                ConfigValues.intValue(c.get(CODE_TTL), d.codeTtlSeconds(), 1, 3600),
                ConfigValues.intValue(c.get(MAX_ATTEMPTS), d.maxAttempts(), 1, 20),
                ConfigValues.intValue(c.get(RESEND_COOLDOWN), d.resendCooldownSeconds(), 0, 3600),
                ConfigValues.intValue(c.get(MAX_SMS_PER_HOUR), d.maxPerHour(), 1, 100));
        String gateway = c.get(GATEWAY) == null ? "" : c.get(GATEWAY).trim();
        return new SmsConfig(rules, gateway, Map.copyOf(c));
    }

    /** Whether this execution names a gateway; executions that do not use the realm's ({@link SmsSettings}). */
    public boolean hasGateway() {
        return !gateway.isEmpty();
    }

    /** The rules' settings, the gateway choice among {@code gatewayIds}, then each gateway's own settings. */
    public static List<ProviderConfigProperty> properties(List<String> gatewayIds, List<ProviderConfigProperty> gatewaySettings) {
        List<ProviderConfigProperty> all = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(GATEWAY).label("Gateway")
                .helpText("How texts are sent: 'webhook' (any HTTP API: URL, method, headers, body template) or "
                        + "'twilio' (Twilio's Messages API). Set it on one SMS execution of the realm (normally the "
                        + "browser flow's); executions left empty, set-up and the terminal use that one.")
                .type(ProviderConfigProperty.LIST_TYPE).options(withEmpty(gatewayIds)).defaultValue("").add()
                .property().name(CODE_LENGTH).label("Code length")
                .helpText("Number of digits in the texted code, 6 to 8.")
                .type(ProviderConfigProperty.LIST_TYPE).options("6", "7", "8")
                .defaultValue(String.valueOf(DEFAULT_RULES.codeLength())).add()
                .property().name(CODE_TTL).label("Code validity (seconds)")
                .helpText("How long a code can be used after it was sent, in seconds (at most 3600).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_RULES.codeTtlSeconds())).add()
                .property().name(MAX_ATTEMPTS).label("Wrong tries per code")
                .helpText("After this many wrong entries the code stops working and a new one must be requested. "
                        + "Every wrong entry at login also counts against the realm's brute-force detection.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_RULES.maxAttempts())).add()
                .property().name(RESEND_COOLDOWN).label("Resend cooldown (seconds)")
                .helpText("Minimum time between two texts to the same person; the page counts it down.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_RULES.resendCooldownSeconds())).add()
                .property().name(MAX_SMS_PER_HOUR).label("Texts per person per hour")
                .helpText("At most this many code texts to one person in any 60 minutes, across logins, set-ups, the "
                        + "terminal prompt and all cluster nodes. Texts cost money and can be abused to flood a phone.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_RULES.maxPerHour())).add()
                .build());
        all.addAll(gatewaySettings);
        return all;
    }

    private static List<String> withEmpty(List<String> ids) {
        List<String> options = new ArrayList<>();
        options.add("");
        options.addAll(ids);
        return options;
    }
}
