package org.hpcmfa.keycloak.common.events;

import java.util.regex.Pattern;

/**
 * The one naming scheme for the {@code error} of the events the pack writes, so an admin can filter them by
 * capability in Realm settings, Events, and in any log pipeline:
 * <ol>
 * <li>where Keycloak has a name for the failure ({@link org.keycloak.events.Errors}, e.g.
 * {@code invalid_user_credentials}, {@code expired_code}, {@code email_send_failed}), that name;</li>
 * <li>otherwise {@code <capability>_<condition>} in lower snake case, with the capability from {@link Capability},
 * e.g. {@code push_declined}, {@code email_code_hourly_limit}, {@code ssh_cert_mfa_required}.</li>
 * </ol>
 * The condition of an SSH endpoint's event is the stable {@code error} code of its JSON answer, so the event and
 * the answer the caller saw name the failure with the same words.
 */
public final class EventErrors {

    private static final Pattern CONDITION = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** The capabilities that write events, each with the prefix of its error names. */
    public enum Capability {
        EMAIL_CODE("email_code"),
        PASSWORD_OTP("password_otp"),
        PUSH("push"),
        RECOVERY_CODES("recovery_codes"),
        REGISTRATION_TOKEN("registration_token"),
        ACCOUNT_RECOVERY("account_recovery"),
        ACCOUNT_API("account_api"),
        SSH_CERT("ssh_cert"),
        SSH_KEY("ssh_key"),
        SSH_TERMINAL("ssh_terminal"),
        SMS_CODE("sms_code"),
        LOGIN_ADDRESS("login_address");

        private final String prefix;

        Capability(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** The event error for {@code condition} in this capability, e.g. {@code PUSH.error("declined")}. */
        public String error(String condition) {
            if (condition == null || !CONDITION.matcher(condition).matches()) {
                throw new IllegalArgumentException("An event error condition is lower snake case: " + condition);
            }
            return condition.startsWith(prefix + "_") ? condition : prefix + "_" + condition;
        }
    }

    /** Whether {@code error} follows rule 2 of the scheme (a pack name, not one of Keycloak's). */
    public static boolean isPackName(String error) {
        if (error == null || !CONDITION.matcher(error).matches()) {
            return false;
        }
        for (Capability capability : Capability.values()) {
            if (error.startsWith(capability.prefix + "_")) {
                return true;
            }
        }
        return false;
    }

    private EventErrors() {
    }
}
