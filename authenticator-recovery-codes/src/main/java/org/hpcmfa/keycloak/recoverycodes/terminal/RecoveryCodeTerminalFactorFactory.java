package org.hpcmfa.keycloak.recoverycodes.terminal;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalFactorProviderFactory;
import org.hpcmfa.keycloak.recoverycodes.login.RecoveryCodeAuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Registers recovery codes as a factor of the SSH terminal prompt. */
public class RecoveryCodeTerminalFactorFactory implements TerminalFactorProviderFactory {

    @Override
    public TerminalFactor create(KeycloakSession session) {
        return new RecoveryCodeTerminalFactor();
    }

    @Override
    public String getId() {
        return RecoveryCodeAuthenticatorFactory.PROVIDER_ID;
    }
}
