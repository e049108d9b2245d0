package org.hpcmfa.keycloak.sshterminal;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalFactorProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers Keycloak's TOTP as a factor of the SSH terminal prompt. */
public class OtpTerminalFactorFactory implements TerminalFactorProviderFactory {

    @Override
    public TerminalFactor create(KeycloakSession session) {
        return new OtpTerminalFactor();
    }

    @Override
    public String getId() {
        return OtpTerminalFactor.AUTHENTICATOR_ID;
    }
}
