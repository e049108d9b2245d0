package org.hpcmfa.keycloak.common.terminal;

import java.util.List;
import java.util.Map;

/**
 * A factor's reading of the user's answer. {@code error} is the event error, {@code messageKey} the login-theme
 * message the terminal shows on a refusal, with its {@code messageParameters}; {@code eventDetails} go into the
 * LOGIN_ERROR event (e.g. a TOTP clock skew). On an acceptance, a {@code messageKey} is a notice the terminal shows
 * after the login (e.g. few recovery codes left).
 */
public record TerminalVerdict(Kind kind, String error, String messageKey, List<String> messageParameters,
        Map<String, String> eventDetails) {

    public enum Kind {
        /** The factor accepts: the user is in. */
        ACCEPTED,
        /** A wrong answer for this factor (a declined push, an exhausted code): a failed login. */
        REJECTED,
        /** Nothing yet (a push not answered): refused, but not a guess, so not counted. */
        PENDING,
        /** The answer is not for this factor (a code typed, and this is push). */
        NOT_MINE
    }

    public static final TerminalVerdict ACCEPTED = new TerminalVerdict(Kind.ACCEPTED, null, null);
    public static final TerminalVerdict NOT_MINE = new TerminalVerdict(Kind.NOT_MINE, null, null);

    public TerminalVerdict(Kind kind, String error, String messageKey) {
        this(kind, error, messageKey, List.of(), Map.of());
    }

    /** Accepted, with a notice for the person (a login-theme message and its parameters). */
    public static TerminalVerdict acceptedWithNotice(String messageKey, List<String> messageParameters) {
        return new TerminalVerdict(Kind.ACCEPTED, null, messageKey, List.copyOf(messageParameters), Map.of());
    }

    public static TerminalVerdict rejected(String error, String messageKey) {
        return new TerminalVerdict(Kind.REJECTED, error, messageKey);
    }

    public static TerminalVerdict rejected(String error, String messageKey, List<String> messageParameters,
            Map<String, String> eventDetails) {
        return new TerminalVerdict(Kind.REJECTED, error, messageKey, List.copyOf(messageParameters), Map.copyOf(eventDetails));
    }

    public static TerminalVerdict pending(String error, String messageKey) {
        return new TerminalVerdict(Kind.PENDING, error, messageKey);
    }
}
