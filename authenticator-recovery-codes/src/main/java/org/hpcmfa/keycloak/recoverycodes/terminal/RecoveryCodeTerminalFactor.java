package org.hpcmfa.keycloak.recoverycodes.terminal;

import java.util.List;
import java.util.Optional;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.recoverycodes.RecoveryCodeEvents;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeFormat;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.hpcmfa.keycloak.recoverycodes.login.RecoveryCodeAuthenticatorFactory;

/**
 * A recovery code typed at the SSH prompt, where a TOTP code would be: any unused code, once. Offered by default
 * (a person without the phone has nothing else at the terminal), or by the recovery-code execution of the realm's
 * terminal flow. A typed answer that is no code of the user is left to the other factors; when none takes it, the
 * prompt counts one failed login.
 */
public class RecoveryCodeTerminalFactor implements TerminalFactor {

    static final String MSG_BUSY = "authenticator-recovery-codes.busy";
    /** After a login that left few codes: the terminal has no page to offer a new set, so it says where to get one. */
    static final String MSG_LOW = "authenticator-recovery-codes.terminalLow";

    @Override
    public String authenticatorId() {
        return RecoveryCodeAuthenticatorFactory.PROVIDER_ID;
    }

    @Override
    public String credentialType() {
        return RecoveryCodes.TYPE;
    }

    @Override
    public boolean answeredByTyping() {
        return true;
    }

    @Override
    public boolean offeredByDefault() {
        return true;
    }

    @Override
    public boolean usableBy(TerminalLogin login) {
        return RecoveryCodes.remaining(login.user()) > 0;
    }

    @Override
    public Optional<TerminalHint> start(TerminalLogin login) {
        return Optional.empty();
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        if (!RecoveryCodeFormat.looksLikeCode(RecoveryCodeFormat.normalise(answer))) {
            return TerminalVerdict.NOT_MINE;
        }
        RecoveryCodes.Use use = RecoveryCodes.use(login.session(), login.realm(), login.user(), answer);
        return switch (use.outcome()) {
            case ACCEPTED -> accepted(login, use.remaining());
            case BUSY -> TerminalVerdict.pending(RecoveryCodeEvents.ERROR_BUSY, MSG_BUSY);
            case WRONG, NO_CODES -> TerminalVerdict.NOT_MINE;
        };
    }

    /** The same threshold as the browser's warning page (the recovery-codes action's "Warn at" setting). */
    private static TerminalVerdict accepted(TerminalLogin login, int left) {
        if (!RecoveryCodeSettings.of(login.realm()).low(left)) {
            return TerminalVerdict.ACCEPTED;
        }
        return TerminalVerdict.acceptedWithNotice(MSG_LOW, List.of(String.valueOf(left)));
    }
}
