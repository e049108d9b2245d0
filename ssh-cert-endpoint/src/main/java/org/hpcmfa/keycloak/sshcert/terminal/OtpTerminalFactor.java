package org.hpcmfa.keycloak.sshcert.terminal;

import java.util.Optional;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Keycloak's own TOTP/HOTP at the prompt, checked by Keycloak's OTP credential provider (look-around window,
 * reuse protection). Offered by the OTP form's execution in the terminal flow, or by default.
 */
public class OtpTerminalFactor implements TerminalFactor {

    public static final String AUTHENTICATOR_ID = "auth-otp-form";

    @Override
    public String authenticatorId() {
        return AUTHENTICATOR_ID;
    }

    @Override
    public String credentialType() {
        return OTPCredentialModel.TYPE;
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
        return login.user().credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }

    @Override
    public Optional<TerminalHint> start(TerminalLogin login) {
        return Optional.empty();
    }

    @Override
    public TerminalVerdict check(TerminalLogin login, String answer) {
        if (answer.isEmpty()) {
            return TerminalVerdict.NOT_MINE;
        }
        UserModel user = login.user();
        String code = answer.replace(" ", "");
        boolean valid = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .anyMatch(c -> user.credentialManager().isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, code)));
        return valid ? TerminalVerdict.ACCEPTED : TerminalVerdict.NOT_MINE;
    }
}
