package org.hpcmfa.keycloak.sshcert.issue;

import org.hpcmfa.keycloak.common.terminal.TerminalCertificates;
import org.hpcmfa.keycloak.common.terminal.TerminalCertificatesProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the SSH CA as the issuer of certificates after a terminal login. */
public class TerminalCertificateIssuerFactory implements TerminalCertificatesProviderFactory {

    public static final String ID = "hpc-ssh-user-ca";

    @Override
    public TerminalCertificates create(KeycloakSession session) {
        return new TerminalCertificateIssuer(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
