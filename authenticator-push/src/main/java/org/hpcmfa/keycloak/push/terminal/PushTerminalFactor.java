package org.hpcmfa.keycloak.push.terminal;

import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.challenge.PushDeclines;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.challenge.PushLoginConfig;
import org.hpcmfa.keycloak.push.challenge.PushOutcome;
import org.hpcmfa.keycloak.push.challenge.PushRequests;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Push at the SSH prompt: the request goes to every phone when the prompt is shown; an empty answer means
 * "I approved", and is checked against the phones' signed answers. With code-to-phone, the person approves and
 * types the 2-digit code the phone then shows. Number matching, code-to-phone, the per-user request limit and the
 * decline lock are the browser login's, with the terminal flow's push settings.
 */
public class PushTerminalFactor implements TerminalFactor {

    static final String NOTE_NONCES = "nonces";
    static final String NOTE_EXPIRES = "expires";
    static final String NOTE_CODE_TO_PHONE = "code-to-phone";

    static final String MSG_SENT = "authenticator-push.terminalSent";
    static final String MSG_SENT_NUMBER = "authenticator-push.terminalSentNumber";
    static final String MSG_RATE_LIMITED = "authenticator-push.terminalRateLimited";
    static final String MSG_NOT_APPROVED = "authenticator-push.terminalNotApproved";
    static final String MSG_DECLINED = "authenticator-push.terminalDeclined";
    static final String MSG_LOCKED = "authenticator-push.terminalLocked";
    static final String MSG_CANCELLED = "authenticator-push.terminalCancelled";
    static final String MSG_WRONG_NUMBER = "authenticator-push.terminalWrongNumber";
    static final String MSG_SENT_CODE = "authenticator-push.terminalSentCode";
    static final String MSG_WRONG_CODE = "authenticator-push.terminalWrongCode";
    static final String MSG_CODE_EXPIRED = "authenticator-push.terminalCodeExpired";
    static final String MSG_NO_CODE_YET = "authenticator-push.terminalNoCodeYet";

    /**
     * The browser authenticator's provider id, which is the credential type's name: its execution in the terminal
     * flow carries this factor's settings.
     */
    @Override
    public String authenticatorId() {
        return CredentialTypes.PUSH;
    }

    @Override
    public String credentialType() {
        return CredentialTypes.PUSH;
    }

    @Override
    public boolean answeredByTyping() {
        return false;
    }

    /** With code-to-phone the code the phone shows is typed at the prompt, so the prompt asks for a code. */
    @Override
    public boolean answeredByTyping(TerminalLogin login) {
        return PushLoginConfig.from(login.config()).codeToPhone();
    }

    @Override
    public boolean offeredByDefault() {
        return true;
    }

    @Override
    public boolean usableBy(TerminalLogin login) {
        return !devices(login.session()).devices(login.user()).isEmpty()
                && !PushDeclines.locked(login.user(), Time.currentTime());
    }

    @Override
    public Optional<TerminalHint> start(TerminalLogin login) {
        UserModel user = login.user();
        PushLoginConfig config = PushLoginConfig.from(login.config());
        PushRequests.Sent sent = PushRequests.send(login.session(), login.realm(), user,
                devices(login.session()).devices(user), config, login.session().getContext().getClient(),
                login.remoteAddress());
        if (sent.status() == PushRequests.Status.RATE_LIMITED) {
            return Optional.of(TerminalHint.of(MSG_RATE_LIMITED));
        }
        if (sent.status() != PushRequests.Status.SENT) {
            return Optional.empty();
        }
        login.note(this, NOTE_NONCES, String.join(",", sent.issued().nonces()));
        login.note(this, NOTE_EXPIRES, String.valueOf(sent.issued().expiresAt()));
        login.note(this, NOTE_CODE_TO_PHONE, String.valueOf(config.codeToPhone()));
        String number = sent.issued().number();
        if (config.codeToPhone()) {
            return Optional.of(TerminalHint.of(MSG_SENT_CODE));
        }
        return Optional.of(number == null ? TerminalHint.of(MSG_SENT) : TerminalHint.of(MSG_SENT_NUMBER, number));
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        String nonces = login.note(this, NOTE_NONCES);
        if (nonces == null) {
            return TerminalVerdict.NOT_MINE;
        }
        Challenges challenges = new Challenges(login.session().singleUseObjects(), login.realm().getId());
        if ("true".equals(login.note(this, NOTE_CODE_TO_PHONE))) {
            return checkCode(login, challenges, nonces, answer);
        }
        if (!answer.isEmpty()) {
            return TerminalVerdict.NOT_MINE;
        }
        Optional<PushOutcome> outcome = challenges.firstOutcome(nonces);
        if (outcome.isEmpty()) {
            return TerminalVerdict.pending(PushEvents.ERROR_NOT_APPROVED, MSG_NOT_APPROVED);
        }
        return verdict(login, outcome.get());
    }

    /** What a phone's answer other than a shown code means for this terminal login. */
    private TerminalVerdict verdict(TerminalLogin login, PushOutcome outcome) {
        UserModel user = login.user();
        return switch (outcome) {
            case APPROVED -> {
                PushDeclines.recordApproval(login.session(), login.realm(), user);
                yield TerminalVerdict.ACCEPTED;
            }
            case DECLINED -> PushDeclines.recordDecline(login.session(), login.realm(), user,
                    PushLoginConfig.from(login.config()), Time.currentTime())
                    ? TerminalVerdict.rejected(PushEvents.ERROR_LOCKED, MSG_LOCKED)
                    : TerminalVerdict.rejected(PushEvents.ERROR_DECLINED, MSG_DECLINED);
            case CANCELLED -> TerminalVerdict.pending(PushEvents.ERROR_CANCELLED, MSG_CANCELLED);
            // A shown code is checked by checkCode before this; were it here, it must not log anyone in.
            case WRONG_NUMBER, CODE_SHOWN -> TerminalVerdict.rejected(PushEvents.ERROR_WRONG_NUMBER, MSG_WRONG_NUMBER);
        };
    }

    /**
     * Code-to-phone: the answer must be the code the phone showed. A 2-digit answer is this factor's; a longer one
     * is another factor's (a TOTP or email code). One try per approval; a wrong code is a failed login.
     */
    private TerminalVerdict checkCode(TerminalLogin login, Challenges challenges, String nonces, String answer) {
        Optional<PushOutcome> outcome = challenges.firstOutcome(nonces);
        if (outcome.isPresent() && outcome.get() != PushOutcome.CODE_SHOWN) {
            return verdict(login, outcome.get());
        }
        if (!answer.matches("\\d{2}")) {
            return answer.isEmpty() ? TerminalVerdict.pending(PushEvents.ERROR_NOT_APPROVED, MSG_NO_CODE_YET)
                    : TerminalVerdict.NOT_MINE;
        }
        if (outcome.isEmpty()) {
            return TerminalVerdict.NOT_MINE;
        }
        String shown = challenges.showingCode(nonces).orElseThrow();
        return switch (challenges.checkCode(shown, answer, Time.currentTime())) {
            case ACCEPTED -> {
                PushDeclines.recordApproval(login.session(), login.realm(), login.user());
                yield TerminalVerdict.ACCEPTED;
            }
            case EXPIRED -> TerminalVerdict.pending(PushEvents.ERROR_CODE_EXPIRED, MSG_CODE_EXPIRED);
            default -> TerminalVerdict.rejected(PushEvents.ERROR_WRONG_CODE, MSG_WRONG_CODE);
        };
    }

    private static PushCredentialProvider devices(KeycloakSession session) {
        return (PushCredentialProvider) session.getProvider(CredentialProvider.class, PushDeviceCredentialModel.TYPE);
    }
}
