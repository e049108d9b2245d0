package org.hpcmfa.keycloak.common.codes;

/**
 * The conditions of the event errors every code channel writes, after its capability's prefix
 * ({@code email_code_resend_cooldown}, {@code sms_code_resend_cooldown}): one list for all channels, so email and SMS
 * events read the same.
 */
public final class CodeConditions {

    /** A new code was asked for within the resend cooldown. */
    public static final String RESEND_COOLDOWN = "resend_cooldown";
    /** The person reached the channel's sends per hour. */
    public static final String HOURLY_LIMIT = "hourly_limit";
    /** Too many wrong tries on one code. */
    public static final String TOO_MANY_ATTEMPTS = "too_many_attempts";
    /** A code was typed when none was pending. */
    public static final String NOT_REQUESTED = "not_requested";

    private CodeConditions() {
    }
}
