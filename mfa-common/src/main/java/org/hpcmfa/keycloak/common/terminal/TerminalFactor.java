package org.hpcmfa.keycloak.common.terminal;

import java.util.Optional;

import org.keycloak.provider.Provider;

/**
 * A second factor that works at an SSH terminal prompt, through the SSH gateway API: the login node has checked
 * the user's key and shows one prompt; the user types a code, or approves on a phone and presses Enter. Each
 * module that owns a factor (push, email code, TOTP) implements this, so the gateway needs none of their code.
 */
public interface TerminalFactor extends Provider {

    /**
     * The authenticator whose enabled execution in the realm's terminal flow offers this factor at the prompt and
     * carries its settings (e.g. {@code hpc-push}).
     */
    String authenticatorId();

    /** The credential type reported in events and to the brute-force detector. */
    String credentialType();

    /** Whether the user answers by typing (a code) rather than by acting elsewhere and pressing Enter (push). */
    boolean answeredByTyping();

    /**
     * Whether this login's user answers by typing, where the factor's settings decide it (push with code-to-phone:
     * the phone shows a code that is typed at the prompt). Called after {@link #start}; by default
     * {@link #answeredByTyping()}.
     */
    default boolean answeredByTyping(TerminalLogin login) {
        return answeredByTyping();
    }

    /** Whether the factor is offered when the realm names no terminal flow. */
    boolean offeredByDefault();

    /** Whether this user can use the factor now: enrolled, eligible, not locked. */
    boolean usableBy(TerminalLogin login);

    /**
     * Sends what must be sent (a push request, a mail) and keeps what {@link #check} needs in the login's notes.
     * Returns a line for the prompt, if the factor has something to say ("A code was sent to j***@example.org").
     */
    Optional<TerminalHint> start(TerminalLogin login);

    /** What the user's answer means for this factor; an empty answer means "I approved on my phone". */
    TerminalVerdict check(TerminalLogin login, String answer);

    @Override
    default void close() {
    }
}
