package org.hpcmfa.keycloak.push.challenge;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin's settings for one execution of "Push approval". Missing or unreadable values fall back to secure
 * defaults and numbers are clamped, because Keycloak saves authenticator configs without validating them (the
 * console offers only valid choices, the admin REST API accepts anything).
 */
public record PushLoginConfig(int timeoutSeconds, ApprovalMode mode, int presenceOptions, int challengesPerMinute,
        int declinesBeforeLock, int lockMinutes, String question, String codeMessage) {

    public static final String TIMEOUT = "timeout-seconds";
    public static final String APPROVAL_MODE = "approval-mode";
    /** Before approval modes: true/false; read when {@link #APPROVAL_MODE} is not set. */
    public static final String NUMBER_MATCHING = "number-matching";
    public static final String PRESENCE_OPTIONS = "presence-options";
    public static final String CHALLENGES_PER_MINUTE = "challenges-per-minute";
    public static final String DECLINES_BEFORE_LOCK = "declines-before-lock";
    public static final String LOCK_MINUTES = "lock-minutes";
    public static final String QUESTION = "question";
    public static final String CODE_MESSAGE = "code-to-phone-message";

    /** The protocol's bounds for the number of options the phone offers (privacyIDEA push_presence_num_options). */
    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 10;

    public static final PushLoginConfig DEFAULTS = new PushLoginConfig(120, ApprovalMode.NUMBER_MATCHING, 5, 5, 3,
            60, "Log in to {client} from {client_ip} as {username}?",
            "Type this code on the login page or at the SSH prompt.");

    private static final Logger LOG = Logger.getLogger(PushLoginConfig.class);

    public static PushLoginConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String question = c.getOrDefault(QUESTION, "").trim();
        String codeMessage = c.getOrDefault(CODE_MESSAGE, "").trim();
        return new PushLoginConfig(
                ConfigValues.intValue(c.get(TIMEOUT), DEFAULTS.timeoutSeconds, 15, 120),
                mode(c),
                presenceOptions(c.get(PRESENCE_OPTIONS)),
                ConfigValues.intValue(c.get(CHALLENGES_PER_MINUTE), DEFAULTS.challengesPerMinute, 1, 60),
                ConfigValues.intValue(c.get(DECLINES_BEFORE_LOCK), DEFAULTS.declinesBeforeLock, 0, 100),
                ConfigValues.intValue(c.get(LOCK_MINUTES), DEFAULTS.lockMinutes, 1, 7 * 24 * 60),
                question.isEmpty() ? DEFAULTS.question : question,
                codeMessage.isEmpty() ? DEFAULTS.codeMessage : codeMessage);
    }

    /** An unknown mode is read as the default, number matching: a typo must not switch the protection off. */
    static ApprovalMode mode(Map<String, String> c) {
        String raw = c.get(APPROVAL_MODE);
        if (raw != null && !raw.isBlank()) {
            ApprovalMode mode = ApprovalMode.fromConfig(raw);
            if (mode == null) {
                LOG.warnf("push approval: unknown %s '%s', using %s", APPROVAL_MODE, raw, DEFAULTS.mode.configValue());
                return DEFAULTS.mode;
            }
            return mode;
        }
        return ConfigValues.bool(c.get(NUMBER_MATCHING), true) ? ApprovalMode.NUMBER_MATCHING : ApprovalMode.APPROVE_ONLY;
    }

    /**
     * 2 to 10 (the protocol's range). More than 10 is read as 10; fewer than 2 (one option is a blind tap again) or
     * anything unreadable as the default.
     */
    static int presenceOptions(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULTS.presenceOptions;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < MIN_OPTIONS) {
                LOG.warnf("push approval: %s=%d is below %d, using %d", PRESENCE_OPTIONS, value, MIN_OPTIONS,
                        DEFAULTS.presenceOptions);
                return DEFAULTS.presenceOptions;
            }
            return Math.min(MAX_OPTIONS, value);
        } catch (NumberFormatException e) {
            return DEFAULTS.presenceOptions;
        }
    }

    public boolean numberMatching() {
        return mode == ApprovalMode.NUMBER_MATCHING;
    }

    public boolean codeToPhone() {
        return mode == ApprovalMode.CODE_TO_PHONE;
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TIMEOUT).label("Time to answer (seconds)")
                .helpText("How long a login request waits for the phone, 15 to 120 (the app itself drops a request "
                        + "after two minutes). A timeout is not a failed login: the user can send a new request.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.timeoutSeconds)).add()
                .property().name(APPROVAL_MODE).label("Approval mode")
                .helpText("How the user proves that the request on the phone is the one they started, so that a "
                        + "reflex tap on someone else's request approves nothing. 'number-matching': the page (or "
                        + "the SSH prompt) shows a number and the app asks to pick it among the options below "
                        + "(privacyIDEA app 4.4+). 'code-to-phone': after Accept, the app shows a 2-digit code that "
                        + "the user types on the page or at the SSH prompt (app 4.7+). 'approve-only': a single "
                        + "Accept, as privacyIDEA's standard push; not recommended. A wrong number or code counts "
                        + "as a failed login and voids the request.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(ApprovalMode.NUMBER_MATCHING.configValue(), ApprovalMode.CODE_TO_PHONE.configValue(),
                        ApprovalMode.APPROVE_ONLY.configValue())
                .defaultValue(DEFAULTS.mode.configValue()).add()
                .property().name(PRESENCE_OPTIONS).label("Number matching: options on the phone")
                .helpText("How many two-digit numbers the app offers, " + MIN_OPTIONS + " to " + MAX_OPTIONS
                        + " (the protocol's limits). A blind tap picks the right one with a chance of one in this "
                        + "number: default " + DEFAULTS.presenceOptions + "; 8 to 10 for sensitive services.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(IntStream.rangeClosed(MIN_OPTIONS, MAX_OPTIONS).mapToObj(String::valueOf).toList())
                .defaultValue(String.valueOf(DEFAULTS.presenceOptions)).add()
                .property().name(CHALLENGES_PER_MINUTE).label("Requests per user per minute")
                .helpText("At most this many push requests to one user in any 60 seconds, across all logins and "
                        + "cluster nodes (protection against push bombing).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.challengesPerMinute)).add()
                .property().name(DECLINES_BEFORE_LOCK).label("'Not me' answers before push is locked")
                .helpText("After this many 'this was not me' answers within 24 hours without an approval in between, "
                        + "push login is locked for the user and a LOGIN_ERROR event with error "
                        + PushEvents.ERROR_LOCKED + " is recorded. Counted atomically across cluster nodes. 0: never lock.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.declinesBeforeLock)).add()
                .property().name(LOCK_MINUTES).label("Lock duration (minutes)")
                .helpText("How long push stays locked; other second factors keep working. An admin lifts the lock "
                        + "early by removing the user attribute " + PushDeclines.LOCKED_UNTIL + ".")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.lockMinutes)).add()
                .property().name(QUESTION).label("Question on the phone")
                .helpText("Text the app shows. {client} (the application's name), {client_ip} (the address the "
                        + "login comes from) and {username} are replaced. Keep {client} and {client_ip}: they let "
                        + "the user see that a request is not theirs. The title is the realm's display name.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULTS.question).add()
                .property().name(CODE_MESSAGE).label("Code-to-phone: text next to the code")
                .helpText("What the app shows with the 2-digit code in code-to-phone mode.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULTS.codeMessage).add()
                .build();
    }
}
