package org.hpcmfa.keycloak.emailotp.terminal;

import java.util.Optional;

import org.hpcmfa.keycloak.common.SecretHash;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.emailotp.EmailCodeAuthenticatorFactory;
import org.hpcmfa.keycloak.emailotp.EmailCodeEvents;
import org.hpcmfa.keycloak.emailotp.EmailEligibility;
import org.hpcmfa.keycloak.emailotp.code.OneTimeCode;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeSender;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;

/**
 * Email code at the SSH prompt: offered only where the realm's terminal flow contains an enabled email-code
 * execution (its settings apply), mailed when the prompt is shown, its hash kept with the login's handle. The
 * mail throttle is the browser login's, so the hourly limit holds across both paths and every node.
 */
public class EmailCodeTerminalFactor implements TerminalFactor {

    static final String NOTE_HASH = "hash";
    static final String NOTE_EXPIRES = "expires";

    static final String MSG_SENT = "authenticator-email-otp.terminalSent";
    static final String MSG_COOLDOWN = "authenticator-email-otp.terminalCooldown";
    static final String MSG_NOT_SENT = "authenticator-email-otp.terminalNotSent";

    @Override
    public String authenticatorId() {
        return EmailCodeAuthenticatorFactory.PROVIDER_ID;
    }

    @Override
    public String credentialType() {
        return EmailCodeEvents.TYPE;
    }

    @Override
    public boolean answeredByTyping() {
        return true;
    }

    @Override
    public boolean offeredByDefault() {
        // Email is the weakest factor: it is used at the prompt only where the admin put it in the terminal flow.
        return false;
    }

    @Override
    public boolean usableBy(TerminalLogin login) {
        return EmailEligibility.isEligible(login.user(), EmailCodeConfig.from(login.config()));
    }

    @Override
    public Optional<TerminalHint> start(TerminalLogin login) {
        EmailCodeConfig config = EmailCodeConfig.from(login.config());
        EventBuilder event = new EventBuilder(login.realm(), login.session(), login.session().getContext().getConnection());
        EmailCodeSender.Outcome outcome = EmailCodeSender.sendNewCode(login.session(), login.realm(), login.user(),
                event, config, (code, now) -> {
                    login.note(this, NOTE_HASH, SecretHash.hash(code));
                    login.note(this, NOTE_EXPIRES, String.valueOf(now + config.codeTtlSeconds()));
                });
        return Optional.of(switch (outcome.result()) {
            case SENT -> TerminalHint.of(MSG_SENT, masked(login.user().getEmail()));
            case COOLDOWN -> TerminalHint.of(MSG_COOLDOWN, String.valueOf(outcome.retryAfterSeconds()));
            default -> TerminalHint.of(MSG_NOT_SENT);
        });
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        String hash = login.note(this, NOTE_HASH);
        if (answer.isEmpty() || hash == null) {
            return TerminalVerdict.NOT_MINE;
        }
        long expires = Long.parseLong(login.note(this, NOTE_EXPIRES));
        // The handle is single use, so the code can be tried once: no separate attempt counter is needed.
        return Time.currentTime() < expires && SecretHash.matches(OneTimeCode.normalize(answer), hash)
                ? TerminalVerdict.ACCEPTED : TerminalVerdict.NOT_MINE;
    }

    /** "j***@example.org": enough for the user to recognise the address, little for a shoulder surfer. */
    static String masked(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        return at <= 1 ? "***" + email.substring(at) : email.charAt(0) + "***" + email.substring(at);
    }
}
