package org.hpcmfa.keycloak.emailotp.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin's settings for one execution of the email code authenticator. A missing or unreadable value falls
 * back to its secure default, and numbers are clamped to sane bounds, because Keycloak saves authenticator
 * configs without asking the provider to validate them.
 */
public record EmailCodeConfig(
        int codeLength,
        int codeTtlSeconds,
        int maxAttempts,
        int resendCooldownSeconds,
        int maxMailsPerHour,
        boolean allowUnverifiedEmail,
        List<String> allowedDomains) {

    public static final String CODE_LENGTH = "code-length";
    public static final String CODE_TTL = "code-ttl-seconds";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String RESEND_COOLDOWN = "resend-cooldown-seconds";
    public static final String MAX_MAILS_PER_HOUR = "max-mails-per-hour";
    public static final String ALLOW_UNVERIFIED_EMAIL = "allow-unverified-email";
    public static final String ALLOWED_DOMAINS = "allowed-domains";

    public static final EmailCodeConfig DEFAULTS = new EmailCodeConfig(6, 600, 5, 30, 10, false, List.of());

    public static EmailCodeConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new EmailCodeConfig(
                ConfigValues.intValue(c.get(CODE_LENGTH), DEFAULTS.codeLength, 6, 8),
                ConfigValues.intValue(c.get(CODE_TTL), DEFAULTS.codeTtlSeconds, 1, 24 * 3600),
                ConfigValues.intValue(c.get(MAX_ATTEMPTS), DEFAULTS.maxAttempts, 1, 100),
                ConfigValues.intValue(c.get(RESEND_COOLDOWN), DEFAULTS.resendCooldownSeconds, 0, 3600),
                ConfigValues.intValue(c.get(MAX_MAILS_PER_HOUR), DEFAULTS.maxMailsPerHour, 1, 1000),
                ConfigValues.bool(c.get(ALLOW_UNVERIFIED_EMAIL), false),
                domains(c.get(ALLOWED_DOMAINS)));
    }

    /** The rules every code of the pack follows, with this execution's numbers. */
    public CodeRules rules() {
        return new CodeRules(codeLength, codeTtlSeconds, maxAttempts, resendCooldownSeconds, maxMailsPerHour);
    }

    /** Minutes shown to the user: a code valid for 90 s reads "2 minutes", never "0 minutes". */
    public int codeTtlMinutes() {
        return rules().codeTtlMinutes();
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CODE_LENGTH).label("Code length")
                .helpText("Number of digits in the emailed code, 6 to 8.")
                .type(ProviderConfigProperty.LIST_TYPE).options("6", "7", "8")
                .defaultValue(String.valueOf(DEFAULTS.codeLength)).add()
                .property().name(CODE_TTL).label("Code validity (seconds)")
                .helpText("How long a code can be used after it was sent. Mail can be slow (greylisting): keep at "
                        + "least 10 minutes for real deployments.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.codeTtlSeconds)).add()
                .property().name(MAX_ATTEMPTS).label("Wrong tries per code")
                .helpText("After this many wrong entries the code stops working and the user must request a new one. "
                        + "Every wrong entry also counts against the realm's brute-force detection.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxAttempts)).add()
                .property().name(RESEND_COOLDOWN).label("Resend cooldown (seconds)")
                .helpText("Minimum time between two mails to the same user; the page counts it down.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.resendCooldownSeconds)).add()
                .property().name(MAX_MAILS_PER_HOUR).label("Mails per user per hour")
                .helpText("At most this many code mails to one user in any 60 minutes, across all login attempts "
                        + "and all cluster nodes.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxMailsPerHour)).add()
                .property().name(ALLOW_UNVERIFIED_EMAIL).label("Accept unverified email addresses")
                .helpText("Off: only users whose email address is verified can receive codes; for the others the "
                        + "authenticator counts as not configured, so the flow moves to an alternative.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULTS.allowUnverifiedEmail)).add()
                .property().name(ALLOWED_DOMAINS).label("Allowed email domains")
                .helpText("If set, codes are only sent to addresses in these domains (e.g. example.org); "
                        + "*.example.org also accepts its subdomains. Empty: any domain.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .build();
    }


    private static List<String> domains(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        // The admin console stores multivalued strings joined by "##"; commas are accepted for hand-written JSON.
        return Arrays.stream(raw.split(Constants.CFG_DELIMITER + "|,"))
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .toList();
    }
}
