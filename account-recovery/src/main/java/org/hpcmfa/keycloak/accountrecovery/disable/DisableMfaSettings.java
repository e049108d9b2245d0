package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * The realm's settings of "Disable two-factor login", from the action's configuration (Authentication, Required
 * actions, gear icon). Without a saved configuration: links valid 15 minutes, credentials asked again every time,
 * verified email addresses only.
 */
public record DisableMfaSettings(int linkValidityMinutes, int maxAuthAgeSeconds, boolean allowUnverifiedEmail) {

    public static final String LINK_VALIDITY_MINUTES = "link-validity-minutes";
    /** Keycloak's own key: {@code RequiredActionProvider.getMaxAuthAge} and the admin console know it. */
    public static final String MAX_AUTH_AGE = Constants.MAX_AUTH_AGE_KEY;
    public static final String ALLOW_UNVERIFIED_EMAIL = "allow-unverified-email";

    static final int MIN_MINUTES = 1;
    static final int MAX_MINUTES = 1440;

    public static final DisableMfaSettings DEFAULTS = new DisableMfaSettings(15, 0, false);

    public static DisableMfaSettings of(RealmModel realm) {
        RequiredActionConfigModel model = realm == null ? null
                : realm.getRequiredActionConfigByAlias(DisableMfaAction.ID);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    static DisableMfaSettings from(Map<String, String> c) {
        return new DisableMfaSettings(
                ConfigValues.intValue(c.get(LINK_VALIDITY_MINUTES), DEFAULTS.linkValidityMinutes, MIN_MINUTES, MAX_MINUTES),
                ConfigValues.intValue(c.get(MAX_AUTH_AGE), DEFAULTS.maxAuthAgeSeconds, 0, Integer.MAX_VALUE),
                ConfigValues.bool(c.get(ALLOW_UNVERIFIED_EMAIL), DEFAULTS.allowUnverifiedEmail));
    }

    public int linkValiditySeconds() {
        return linkValidityMinutes * 60;
    }

    /** Refuses values the admin console would otherwise store silently. */
    static void validate(Map<String, String> c) {
        checkNumber(c, LINK_VALIDITY_MINUTES, MIN_MINUTES, MAX_MINUTES);
        checkNumber(c, MAX_AUTH_AGE, 0, Integer.MAX_VALUE);
    }

    private static void checkNumber(Map<String, String> c, String key, int min, int max) {
        String raw = c.get(key);
        if (raw == null || raw.isBlank()) {
            return;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(new ValidationError(DisableMfaAction.ID, key, "error-invalid-number"));
        }
        if (value < min || value > max) {
            throw new ValidationException(new ValidationError(DisableMfaAction.ID, key, "error-number-out-of-range",
                    min, max));
        }
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(LINK_VALIDITY_MINUTES).label("Confirmation link validity (minutes)")
                .helpText("How long the emailed confirmation link works, 1 to 1440 minutes. The link works once; "
                        + "opening it only shows a confirmation button, pressing the button removes the factors.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.linkValidityMinutes)).add()
                .property().name(MAX_AUTH_AGE).label("Maximum age of authentication (seconds)")
                .helpText("Keycloak's re-authentication for application-initiated actions: the user must have entered "
                        + "their credentials at most this many seconds before starting the action, or the login form "
                        + "is shown again. 0 (the default) asks for the credentials every time.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxAuthAgeSeconds)).add()
                .property().name(ALLOW_UNVERIFIED_EMAIL).label("Send links to unverified email addresses")
                .helpText("Off (the default): users whose email address is not verified cannot disable two-factor "
                        + "login themselves, so a changed, unconfirmed address never receives the link.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build();
    }
}
