package org.hpcmfa.keycloak.push.login;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin's settings for one execution of "Push approval". Missing or unreadable values fall back to secure
 * defaults and numbers are clamped, because Keycloak saves authenticator configs without validating them.
 */
public record PushLoginConfig(int timeoutSeconds, boolean numberMatching, int challengesPerMinute,
        int declinesBeforeLock, int lockMinutes, String question) {

    public static final String TIMEOUT = "timeout-seconds";
    public static final String NUMBER_MATCHING = "number-matching";
    public static final String CHALLENGES_PER_MINUTE = "challenges-per-minute";
    public static final String DECLINES_BEFORE_LOCK = "declines-before-lock";
    public static final String LOCK_MINUTES = "lock-minutes";
    public static final String QUESTION = "question";

    public static final PushLoginConfig DEFAULTS = new PushLoginConfig(120, true, 5, 3, 60,
            "Log in as {username}?");

    public static PushLoginConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String question = c.getOrDefault(QUESTION, "").trim();
        return new PushLoginConfig(
                ConfigValues.intValue(c.get(TIMEOUT), DEFAULTS.timeoutSeconds, 15, 120),
                ConfigValues.bool(c.get(NUMBER_MATCHING), true),
                ConfigValues.intValue(c.get(CHALLENGES_PER_MINUTE), DEFAULTS.challengesPerMinute, 1, 60),
                ConfigValues.intValue(c.get(DECLINES_BEFORE_LOCK), DEFAULTS.declinesBeforeLock, 0, 100),
                ConfigValues.intValue(c.get(LOCK_MINUTES), DEFAULTS.lockMinutes, 1, 7 * 24 * 60),
                question.isEmpty() ? DEFAULTS.question : question);
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TIMEOUT).label("Time to answer (seconds)")
                .helpText("How long a login request waits for the phone, 15 to 120 (the app itself drops a request "
                        + "after two minutes). A timeout is not a failed login: the user can send a new request.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.timeoutSeconds)).add()
                .property().name(NUMBER_MATCHING).label("Number matching")
                .helpText("The login page shows a number and the app asks the user to pick it among three, so a "
                        + "request the user did not start cannot be approved by a reflex tap.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(CHALLENGES_PER_MINUTE).label("Requests per user per minute")
                .helpText("At most this many push requests to one user in any 60 seconds, across all logins and "
                        + "cluster nodes (protection against push bombing).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.challengesPerMinute)).add()
                .property().name(DECLINES_BEFORE_LOCK).label("'Not me' answers before push is locked")
                .helpText("After this many consecutive 'this was not me' answers, push login is locked for the user "
                        + "and a LOGIN_ERROR event with error hpc_push_locked is recorded. 0: never lock.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.declinesBeforeLock)).add()
                .property().name(LOCK_MINUTES).label("Lock duration (minutes)")
                .helpText("How long push stays locked; other second factors keep working.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.lockMinutes)).add()
                .property().name(QUESTION).label("Question on the phone")
                .helpText("Text the app shows; {username} and {client_ip} are replaced. The title is the realm's "
                        + "display name.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULTS.question).add()
                .build();
    }
}
