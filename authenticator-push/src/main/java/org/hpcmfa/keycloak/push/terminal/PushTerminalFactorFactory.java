package org.hpcmfa.keycloak.push.terminal;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalFactorProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers push approval as a factor of the SSH terminal prompt. */
public class PushTerminalFactorFactory implements TerminalFactorProviderFactory {

    @Override
    public TerminalFactor create(KeycloakSession session) {
        return new PushTerminalFactor();
    }

    /** Named for the credential it checks, like the browser authenticator. */
    @Override
    public String getId() {
        return CredentialTypes.PUSH;
    }
}
