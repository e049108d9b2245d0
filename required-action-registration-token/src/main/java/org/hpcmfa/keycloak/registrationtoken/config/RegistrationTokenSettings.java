package org.hpcmfa.keycloak.registrationtoken.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.enrolment.PortalUrl;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * The realm's settings for registration tokens. They live in the configuration of the required action
 * "Enrol your second factor" (Authentication, Required actions, gear icon), the one per-realm place the admin
 * console offers for a required action; the issuing endpoint, the automatic issuing and the login all read
 * them from there.
 */
public record RegistrationTokenSettings(
        int tokenValidityDays,
        boolean autoIssue,
        boolean keepTokenUntilEnrolled,
        String portalUrl,
        boolean suggestSecondFactor) {

    public static final String REQUIRED_ACTION_ID = PortalUrl.ENROL_ACTION_ID;

    public static final String TOKEN_VALIDITY_DAYS = "token-validity-days";
    public static final String AUTO_ISSUE = "auto-issue";
    public static final String KEEP_TOKEN_UNTIL_ENROLLED = "keep-token-until-enrolled";
    /** Shared with account-recovery's pages, which link the same portal ({@link PortalUrl}). */
    public static final String PORTAL_URL = PortalUrl.KEY;
    public static final String SUGGEST_SECOND_FACTOR = "suggest-second-factor";

    public static final RegistrationTokenSettings DEFAULTS = new RegistrationTokenSettings(7, false, false, null, true);

    public static RegistrationTokenSettings of(RealmModel realm) {
        RequiredActionConfigModel model = realm.getRequiredActionConfigByAlias(REQUIRED_ACTION_ID);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    static RegistrationTokenSettings from(Map<String, String> c) {
        int days;
        try {
            days = Integer.parseInt(c.getOrDefault(TOKEN_VALIDITY_DAYS, "").trim());
        } catch (NumberFormatException unset) {
            days = DEFAULTS.tokenValidityDays;
        }
        String portal = c.get(PORTAL_URL);
        return new RegistrationTokenSettings(
                Math.max(1, Math.min(365, days)),
                Boolean.parseBoolean(c.getOrDefault(AUTO_ISSUE, "false").trim()),
                Boolean.parseBoolean(c.getOrDefault(KEEP_TOKEN_UNTIL_ENROLLED, "false").trim()),
                portal == null || portal.isBlank() ? null : portal.trim(),
                Boolean.parseBoolean(c.getOrDefault(SUGGEST_SECOND_FACTOR, "true").trim()));
    }

    public long tokenValiditySeconds() {
        return tokenValidityDays * 86_400L;
    }

    /** The portal the token mail points to: the configured URL, or the realm's Account Console. */
    public String portalUrl(URI baseUri, RealmModel realm) {
        return portalUrl != null ? portalUrl : PortalUrl.accountConsole(realm, baseUri);
    }

    /** Refuses values the admin console would otherwise store silently. */
    public static void validate(Map<String, String> c) {
        String days = c.get(TOKEN_VALIDITY_DAYS);
        if (days != null && !days.isBlank()) {
            try {
                int value = Integer.parseInt(days.trim());
                if (value < 1 || value > 365) {
                    throw invalid(TOKEN_VALIDITY_DAYS, "error-number-out-of-range", 1, 365);
                }
            } catch (NumberFormatException e) {
                throw invalid(TOKEN_VALIDITY_DAYS, "error-invalid-number");
            }
        }
        String portal = c.get(PORTAL_URL);
        if (portal != null && !portal.isBlank()) {
            try {
                URI uri = URI.create(portal.trim());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw invalid(PORTAL_URL, "error-invalid-uri");
                }
            } catch (IllegalArgumentException e) {
                throw invalid(PORTAL_URL, "error-invalid-uri");
            }
        }
    }

    private static ValidationException invalid(String field, String message, Object... parameters) {
        return new ValidationException(new ValidationError(REQUIRED_ACTION_ID, field, message, parameters));
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TOKEN_VALIDITY_DAYS).label("Registration token validity (days)")
                .helpText("How long a newly issued registration token can be used, 1 to 365 days.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.tokenValidityDays)).add()
                .property().name(AUTO_ISSUE).label("Issue tokens to new users automatically")
                .helpText("When a user without a second factor is created (admin console, admin REST API, kcadm.sh), "
                        + "issue a registration token and email it. Needs the event listener "
                        + "'hpc-registration-token-auto-issue' in Realm settings, Events. For LDAP users, add the "
                        + "LDAP mapper 'registration-token-on-import' to the LDAP provider instead.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(KEEP_TOKEN_UNTIL_ENROLLED).label("Token stays valid until a factor is enrolled")
                .helpText("Off (the default): a token dies at its first login, even if the user leaves before "
                        + "enrolling a second factor; an admin then issues a new one. On: the token keeps working "
                        + "until its expiry or until the user has enrolled a second factor.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(PORTAL_URL).label("Portal URL in the token email")
                .helpText("Where the registration email sends people. Empty: the realm's Account Console.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(SUGGEST_SECOND_FACTOR).label("Suggest a second factor for redundancy")
                .helpText("After enrolment, show a page that suggests enrolling another factor in the portal, "
                        + "so a lost phone does not lock the user out.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
