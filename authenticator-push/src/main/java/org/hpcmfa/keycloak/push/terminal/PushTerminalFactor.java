package org.hpcmfa.keycloak.push.terminal;

import java.util.Arrays;
import java.util.Optional;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.login.Challenges;
import org.hpcmfa.keycloak.push.login.PushDeclines;
import org.hpcmfa.keycloak.push.login.PushEvents;
import org.hpcmfa.keycloak.push.login.PushLoginConfig;
import org.hpcmfa.keycloak.push.login.PushRequests;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Push at the SSH prompt: the request goes to every phone when the prompt is shown; an empty answer means
 * "I approved", and is checked against the phones' signed answers. Number matching, the per-user request limit
 * and the decline lock are the browser login's, with the terminal flow's push settings.
 */
public class PushTerminalFactor implements TerminalFactor {

    static final String NOTE_NONCES = "nonces";
    static final String NOTE_EXPIRES = "expires";

    static final String MSG_SENT = "authenticator-push.terminalSent";
    static final String MSG_SENT_NUMBER = "authenticator-push.terminalSentNumber";
    static final String MSG_RATE_LIMITED = "authenticator-push.terminalRateLimited";
    static final String MSG_NOT_APPROVED = "authenticator-push.terminalNotApproved";
    static final String MSG_DECLINED = "authenticator-push.terminalDeclined";
    static final String MSG_LOCKED = "authenticator-push.terminalLocked";
    static final String MSG_CANCELLED = "authenticator-push.terminalCancelled";
    static final String MSG_WRONG_NUMBER = "authenticator-push.terminalWrongNumber";

    @Override
    public String authenticatorId() {
        return "hpc-push";
    }

    @Override
    public String credentialType() {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public boolean answeredByTyping() {
        return false;
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
        PushRequests.Sent sent = PushRequests.send(login.session(), login.realm(), user,
                devices(login.session()).devices(user), PushLoginConfig.from(login.config()), login.remoteAddress());
        if (sent.status() == PushRequests.Status.RATE_LIMITED) {
            return Optional.of(TerminalHint.of(MSG_RATE_LIMITED));
        }
        if (sent.status() != PushRequests.Status.SENT) {
            return Optional.empty();
        }
        login.note(this, NOTE_NONCES, String.join(",", sent.issued().nonces()));
        login.note(this, NOTE_EXPIRES, String.valueOf(sent.issued().expiresAt()));
        String number = sent.issued().number();
        return Optional.of(number == null ? TerminalHint.of(MSG_SENT) : TerminalHint.of(MSG_SENT_NUMBER, number));
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        String nonces = login.note(this, NOTE_NONCES);
        if (!answer.isEmpty() || nonces == null) {
            return TerminalVerdict.NOT_MINE;
        }
        Challenges challenges = new Challenges(login.session().singleUseObjects(), login.realm().getId());
        Optional<String> outcome = Arrays.stream(nonces.split(",")).map(challenges::outcome)
                .flatMap(Optional::stream).findFirst();
        if (outcome.isEmpty()) {
            return TerminalVerdict.pending("hpc_push_not_approved", MSG_NOT_APPROVED);
        }
        UserModel user = login.user();
        return switch (outcome.get()) {
            case Challenges.APPROVED -> {
                PushDeclines.recordApproval(user);
                yield TerminalVerdict.ACCEPTED;
            }
            case Challenges.DECLINED -> PushDeclines.recordDecline(user, PushLoginConfig.from(login.config()),
                    Time.currentTime())
                    ? TerminalVerdict.rejected(PushEvents.ERROR_LOCKED, MSG_LOCKED)
                    : TerminalVerdict.rejected(PushEvents.ERROR_DECLINED, MSG_DECLINED);
            case Challenges.CANCELLED -> TerminalVerdict.pending(PushEvents.ERROR_CANCELLED, MSG_CANCELLED);
            default -> TerminalVerdict.rejected(PushEvents.ERROR_WRONG_NUMBER, MSG_WRONG_NUMBER);
        };
    }

    private static PushCredentialProvider devices(KeycloakSession session) {
        return (PushCredentialProvider) session.getProvider(CredentialProvider.class, PushDeviceCredentialModel.TYPE);
    }
}
