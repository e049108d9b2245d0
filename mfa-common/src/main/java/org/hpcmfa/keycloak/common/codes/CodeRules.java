package org.hpcmfa.keycloak.common.codes;

/**
 * The rules every code sent to a person follows, whatever carries it (email, SMS): its length, how long it is valid,
 * how many wrong tries kill it, the wait between two sends and the sends per hour per person.
 */
public record CodeRules(int codeLength, int codeTtlSeconds, int maxAttempts, int resendCooldownSeconds, int maxPerHour) {

    /** Minutes shown to the person: a code valid for 90 s reads "2 minutes", never "0 minutes". */
    public int codeTtlMinutes() {
        return Math.max(1, (codeTtlSeconds + 59) / 60);
    }
}
