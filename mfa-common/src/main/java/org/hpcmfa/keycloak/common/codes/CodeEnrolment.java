package org.hpcmfa.keycloak.common.codes;

import java.util.Map;

import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.keycloak.common.util.Time;

/**
 * The two steps of setting up a code factor from the terminal (email, SMS), the same for every channel: begin sends
 * a code to the address or phone being proved, confirm checks it. The pending code lives in the set-up's notes (the
 * account API keeps them cluster-wide); the throttle is the browser login's, so one hourly cap covers every path.
 * Error codes are the account API's ({@code rate_limited}, {@code delivery_failed}, {@code invalid_code},
 * {@code expired_enrolment}).
 */
public final class CodeEnrolment {

    public static final String SENT_TO = "sentTo";
    public static final String EXPIRES_IN = "expiresIn";

    private CodeEnrolment() {
    }

    /** Sends the code; {@code sentTo} is the masked destination the person sees. */
    public static EnrolmentStep begin(EnrolmentRequest request, CodeRules rules, CodeChannel channel, String sentTo)
            throws EnrolmentRefusal {
        CodeSender.Outcome outcome = CodeSender.send(request.session(), request.realm(), request.user(), rules, channel,
                (code, now) -> challenge(request, channel).issue(code, now, rules.codeTtlSeconds()));
        return switch (outcome.result()) {
            case SENT -> EnrolmentStep.pending(Map.of(SENT_TO, sentTo, EXPIRES_IN, rules.codeTtlSeconds()));
            case COOLDOWN -> throw new EnrolmentRefusal(429, "rate_limited", "A code was sent moments ago. Wait "
                    + outcome.retryAfterSeconds() + " s before asking for another one.");
            case HOURLY_LIMIT -> throw new EnrolmentRefusal(429, "rate_limited",
                    "Too many codes were sent to you in the last hour. Try again later.");
            case SEND_FAILED -> throw new EnrolmentRefusal(502, "delivery_failed",
                    "The code could not be sent. Try again in a moment; if it keeps failing, contact your IT support.");
        };
    }

    /** Returns when {@code code} is the pending one (now consumed); refuses otherwise. */
    public static void confirm(EnrolmentRequest request, CodeRules rules, CodeChannel channel, String code)
            throws EnrolmentRefusal {
        CodeChallenge challenge = challenge(request, channel);
        switch (challenge.check(code, Time.currentTime(), rules.maxAttempts())) {
            case VALID -> {
                return;
            }
            case WRONG -> throw new EnrolmentRefusal(400, "invalid_code", challenge.attemptsLeft(rules.maxAttempts()) > 0
                    ? "That code is not the one we sent." : "Too many wrong codes: start the set-up again.");
            case EXPIRED -> throw new EnrolmentRefusal(400, "expired_enrolment",
                    "The code has expired: start the set-up again.");
            default -> throw new EnrolmentRefusal(400, "expired_enrolment",
                    "This set-up has no valid code any more: start it again.");
        }
    }

    private static CodeChallenge challenge(EnrolmentRequest request, CodeChannel channel) {
        return new CodeChallenge(request.session().singleUseObjects(), CodeNotes.of(request.notes()),
                channel.keyPrefix() + ".enrolment");
    }
}
