package org.hpcmfa.keycloak.push.challenge;

import java.util.Optional;

/**
 * What the phone answered to one challenge, the one vocabulary of the browser login, the SSH terminal prompt and
 * the phone API. The stored names never change: during a rolling upgrade a challenge answered on a node of one
 * version is read on a node of the other.
 */
public enum PushOutcome {

    /** "Accept", with the right number where number matching is on. */
    APPROVED("approved"),
    /** "This was not me": a failed login that counts towards the user's push lock. */
    DECLINED("declined"),
    /** "I started it, but discard it" (app 4.8 with the decline_reason capability): no failure, no count. */
    CANCELLED("cancelled"),
    /** Number matching: another option was picked, which is what a reflex tap on someone else's request looks like. */
    WRONG_NUMBER("wrong_number"),
    /** Code-to-phone: the phone accepted and shows a code; the login completes when that code is typed. */
    CODE_SHOWN("code_shown");

    /** The app's {@code decline_reason} for "discard" (spec section 5.5), a wire value that only looks like ours. */
    static final String APP_REASON_DISCARD = "cancelled";

    private final String storedName;

    PushOutcome(String storedName) {
        this.storedName = storedName;
    }

    /** The name kept in the single-use store. */
    public String storedName() {
        return storedName;
    }

    /** The outcome a stored name stands for; empty for anything else, which then reads as "not answered". */
    public static Optional<PushOutcome> fromStored(String name) {
        for (PushOutcome outcome : values()) {
            if (outcome.storedName.equals(name)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /**
     * The outcome of a verified answer that is not a code-to-phone accept: a decline is "not me" unless the app says
     * the person discarded their own request; an accept must carry the number the page showed, if one was shown.
     */
    public static PushOutcome of(boolean decline, String declineReason, String correctAnswer, String presenceAnswer) {
        if (decline) {
            return APP_REASON_DISCARD.equals(declineReason) ? CANCELLED : DECLINED;
        }
        if (correctAnswer != null && !correctAnswer.equals(presenceAnswer)) {
            return WRONG_NUMBER;
        }
        return APPROVED;
    }
}
