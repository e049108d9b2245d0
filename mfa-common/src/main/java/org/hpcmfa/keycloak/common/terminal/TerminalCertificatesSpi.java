package org.hpcmfa.keycloak.common.terminal;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI "certificates after a terminal login": ssh-terminal-prompt asks, ssh-cert-endpoint issues. */
public class TerminalCertificatesSpi extends PackSpi {

    public static final String NAME = "hpc-terminal-certificates";

    public TerminalCertificatesSpi() {
        super(NAME, TerminalCertificates.class, TerminalCertificatesProviderFactory.class);
    }
}
