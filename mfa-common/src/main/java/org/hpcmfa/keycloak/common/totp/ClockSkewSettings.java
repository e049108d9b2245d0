package org.hpcmfa.keycloak.common.totp;

import java.util.List;
import java.util.function.Function;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The two settings of the clock-skew hint, the same wherever TOTP codes are typed (an authenticator's config, or
 * the SSH terminal prompt's settings, whose keys carry a prefix).
 */
public record ClockSkewSettings(boolean hint, int maxSkewSeconds) {

    public static final String HINT = "totp-clock-skew-hint";
    public static final String MAX_SKEW_SECONDS = "totp-clock-skew-max-seconds";

    public static final ClockSkewSettings DEFAULTS = new ClockSkewSettings(true, 600);
    public static final int MIN_SECONDS = 60;
    public static final int MAX_SECONDS = 3600;

    /** {@code config} maps a key to its raw value (null when absent); {@code keyPrefix} is "" or e.g. "terminal-". */
    public static ClockSkewSettings from(Function<String, String> config, String keyPrefix) {
        return new ClockSkewSettings(
                ConfigValues.bool(config.apply(keyPrefix + HINT), DEFAULTS.hint),
                ConfigValues.intValue(config.apply(keyPrefix + MAX_SKEW_SECONDS), DEFAULTS.maxSkewSeconds,
                        MIN_SECONDS, MAX_SECONDS));
    }

    /** The two properties; {@code labelPrefix} is "" or e.g. "Terminal prompt: ". */
    public static List<ProviderConfigProperty> properties(String keyPrefix, String labelPrefix) {
        return ProviderConfigurationBuilder.create()
                .property().name(keyPrefix + HINT).label(labelPrefix + "TOTP clock-skew hint")
                .helpText("When a TOTP code is refused, check whether it is the user's code of an earlier time (beyond "
                        + "the realm's OTP look-around window, within the maximum below): the phone's clock is "
                        + "behind. If so the login is still refused and counted as a failure, but the user is told "
                        + "that the phone's clock seems to be off by about N minutes and to set it to automatic time; "
                        + "the LOGIN_ERROR event gets " + ClockSkew.EVENT_DETAIL + ". Codes of a later time are never "
                        + "confirmed (they would become valid later): a phone whose clock runs ahead gets the plain "
                        + "refusal. Off: a plain refusal.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULTS.hint)).add()
                .property().name(keyPrefix + MAX_SKEW_SECONDS).label(labelPrefix + "TOTP clock skew: maximum (seconds)")
                .helpText("How far back from now a refused code is looked for (" + MIN_SECONDS + " to "
                        + MAX_SECONDS + "; default " + DEFAULTS.maxSkewSeconds + ", i.e. 10 minutes). A phone off by "
                        + "more gets the plain refusal.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxSkewSeconds)).add()
                .build();
    }
}
