package org.hpcmfa.keycloak.sms.terminal;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalFactorProviderFactory;
import org.hpcmfa.keycloak.sms.SmsAuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the SMS code as a factor of the SSH terminal prompt. */
public class SmsTerminalFactorFactory implements TerminalFactorProviderFactory {

    @Override
    public TerminalFactor create(KeycloakSession session) {
        return new SmsTerminalFactor();
    }

    @Override
    public String getId() {
        return SmsAuthenticatorFactory.PROVIDER_ID;
    }
}
