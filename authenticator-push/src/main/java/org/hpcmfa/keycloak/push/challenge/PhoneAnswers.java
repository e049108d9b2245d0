package org.hpcmfa.keycloak.push.challenge;

import java.security.SecureRandom;
import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;

/**
 * Records the phone's answer to its open challenge, once its signature has been verified (spec section 6): what
 * the answer means, and in code-to-phone mode the code the phone is to show. A second answer to the same
 * challenge records nothing, so a replayed or raced answer changes no outcome and gets no second code.
 */
public final class PhoneAnswers {

    /** What the phone sent: Accept or decline, the app's decline reason, the number it picked (or null). */
    public record Answer(boolean decline, String declineReason, String presenceAnswer) {
    }

    /** A recorded answer; {@code displayCode} is the code-to-phone code, the only time it exists in clear. */
    public record Recorded(PushOutcome outcome, String displayCode) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Challenges challenges;

    public PhoneAnswers(Challenges challenges) {
        this.challenges = challenges;
    }

    /** The recorded answer; empty when the challenge was answered before (a replay). */
    public Optional<Recorded> record(Challenges.Open open, Answer answer, long now) {
        // Kept past the challenge's own end so the waiting page and the SSH prompt still read the answer.
        int ttl = (int) Math.max(60, open.expiresAt() - now + 300);
        if (!answer.decline() && open.mode() == ApprovalMode.CODE_TO_PHONE) {
            return showCode(open, now, ttl);
        }
        PushOutcome outcome = PushOutcome.of(answer.decline(), answer.declineReason(), open.correctAnswer(),
                answer.presenceAnswer());
        return challenges.answer(open.nonce(), outcome, ttl) ? Optional.of(new Recorded(outcome, null)) : Optional.empty();
    }

    /**
     * Code-to-phone (privacyIDEA 3.13, app 4.7): the accepted challenge gets a 2-digit code that only the phone
     * learns; only its hash is kept, and it may be typed for {@link Challenges#CODE_VALID_SECONDS}.
     */
    private Optional<Recorded> showCode(Challenges.Open open, long now, int ttl) {
        String code = String.format("%02d", RANDOM.nextInt(100));
        Challenges.Outcome shown = new Challenges.Outcome(PushOutcome.CODE_SHOWN, SecretHash.hash(code),
                now + Challenges.CODE_VALID_SECONDS);
        if (!challenges.answer(open.nonce(), shown, Math.max(ttl, Challenges.CODE_VALID_SECONDS + 60))) {
            return Optional.empty();
        }
        return Optional.of(new Recorded(PushOutcome.CODE_SHOWN, code));
    }
}
