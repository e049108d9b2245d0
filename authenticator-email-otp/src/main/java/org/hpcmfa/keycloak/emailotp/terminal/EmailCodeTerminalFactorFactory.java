package org.hpcmfa.keycloak.emailotp.terminal;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalFactorProviderFactory;
import org.hpcmfa.keycloak.emailotp.EmailCodeAuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the email code as a factor of the SSH terminal prompt. */
public class EmailCodeTerminalFactorFactory implements TerminalFactorProviderFactory {

    @Override
    public TerminalFactor create(KeycloakSession session) {
        return new EmailCodeTerminalFactor();
    }

    @Override
    public String getId() {
        return EmailCodeAuthenticatorFactory.PROVIDER_ID;
    }
}
