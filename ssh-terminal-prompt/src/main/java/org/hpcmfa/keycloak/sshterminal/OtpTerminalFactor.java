package org.hpcmfa.keycloak.sshterminal;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.totp.OtpCredentials;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.common.totp.ClockSkew;
import org.hpcmfa.keycloak.common.totp.TotpClockSkewHint;
import org.hpcmfa.keycloak.sshterminal.settings.TerminalSettings;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;

/**
 * Keycloak's own TOTP/HOTP at the prompt, checked by Keycloak's OTP credential provider (look-around window,
 * reuse protection). Offered by the OTP form's execution in the terminal flow, or by default. A refused code that
 * is the user's TOTP code of another time gets the clock-skew reply (a setting of the terminal prompt, as the OTP
 * form has no settings of its own).
 */
public class OtpTerminalFactor implements TerminalFactor {

    public static final String AUTHENTICATOR_ID = "auth-otp-form";

    @Override
    public String authenticatorId() {
        return AUTHENTICATOR_ID;
    }

    @Override
    public String credentialType() {
        return CredentialTypes.OTP;
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
        return login.user().credentialManager().isConfiguredFor(CredentialTypes.OTP);
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
        if (OtpCredentials.accept(user, code)) {
            return TerminalVerdict.ACCEPTED;
        }
        TerminalSettings settings = TerminalSettings.of(login.realm());
        return TotpClockSkewHint.find(login.session(), login.realm(), user, code, settings.totpClockSkew())
                .map(skew -> TerminalVerdict.rejected(Errors.INVALID_USER_CREDENTIALS, skew.messageKey(),
                        skew.messageParameters(), Map.of(ClockSkew.EVENT_DETAIL, skew.eventDetailValue())))
                .orElse(TerminalVerdict.NOT_MINE);
    }
}
