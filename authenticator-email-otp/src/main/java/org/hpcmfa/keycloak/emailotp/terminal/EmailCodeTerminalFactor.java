package org.hpcmfa.keycloak.emailotp.terminal;

import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.common.codes.CodeTerminalFactor;
import org.hpcmfa.keycloak.common.factors.EmailAddresses;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.emailotp.EmailCodeAuthenticatorFactory;
import org.hpcmfa.keycloak.emailotp.EmailCodeEvents;
import org.hpcmfa.keycloak.emailotp.EmailEligibility;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeChannel;
import org.keycloak.events.EventBuilder;

/**
 * Email code at the SSH prompt: offered only where the realm's terminal flow contains an enabled email-code
 * execution (its settings apply); the rules are every sent code's ({@link CodeTerminalFactor}).
 */
public class EmailCodeTerminalFactor extends CodeTerminalFactor {

    @Override
    public String authenticatorId() {
        return EmailCodeAuthenticatorFactory.PROVIDER_ID;
    }

    @Override
    public String credentialType() {
        return EmailCodeEvents.TYPE;
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
    protected CodeChannel channel(TerminalLogin login) {
        return new EmailCodeChannel(login.session(), login.realm(), login.user(),
                new EventBuilder(login.realm(), login.session(), login.session().getContext().getConnection()));
    }

    @Override
    protected CodeRules rules(TerminalLogin login) {
        return EmailCodeConfig.from(login.config()).rules();
    }

    @Override
    protected String sentTo(TerminalLogin login) {
        return EmailAddresses.masked(login.user().getEmail());
    }

    @Override
    protected String messagePrefix() {
        return "authenticator-email-otp";
    }
}
