package org.hpcmfa.keycloak.common.codes;

import java.util.Optional;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.keycloak.common.util.Time;

/**
 * A sent code at the SSH prompt, the same for every channel: sent when the prompt is shown, its hash kept with the
 * login's handle (which is single use, so a code can be tried once per prompt). The throttle is the browser login's,
 * so the cooldown and hourly cap hold across the browser, the terminal and every node.
 */
public abstract class CodeTerminalFactor implements TerminalFactor {

    protected abstract CodeChannel channel(TerminalLogin login);

    protected abstract CodeRules rules(TerminalLogin login);

    /** Where the code went, masked for the prompt ("a***@example.org", "+32 *** ** 12"). */
    protected abstract String sentTo(TerminalLogin login);

    /** Prefix of the prompt's messages {@code terminalSent}, {@code terminalCooldown}, {@code terminalNotSent}. */
    protected abstract String messagePrefix();

    @Override
    public boolean answeredByTyping() {
        return true;
    }

    @Override
    public Optional<TerminalHint> start(TerminalLogin login) {
        CodeRules rules = rules(login);
        CodeChannel channel = channel(login);
        CodeSender.Outcome outcome = CodeSender.send(login.session(), login.realm(), login.user(), rules, channel,
                (code, now) -> challenge(login).issue(code, now, rules.codeTtlSeconds()));
        return Optional.of(switch (outcome.result()) {
            case SENT -> TerminalHint.of(messagePrefix() + ".terminalSent", sentTo(login));
            case COOLDOWN -> TerminalHint.of(messagePrefix() + ".terminalCooldown", String.valueOf(outcome.retryAfterSeconds()));
            default -> TerminalHint.of(messagePrefix() + ".terminalNotSent");
        });
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        if (answer.isEmpty()) {
            return TerminalVerdict.NOT_MINE;
        }
        CodeChallenge.Outcome outcome = challenge(login).check(answer, Time.currentTime(), rules(login).maxAttempts());
        // Anything but a valid code may be another factor's answer (a TOTP code): the prompt decides what counts.
        return outcome == CodeChallenge.Outcome.VALID ? TerminalVerdict.ACCEPTED : TerminalVerdict.NOT_MINE;
    }

    private CodeChallenge challenge(TerminalLogin login) {
        return new CodeChallenge(login.session().singleUseObjects(), CodeNotes.of(login.notes()), authenticatorId());
    }
}
