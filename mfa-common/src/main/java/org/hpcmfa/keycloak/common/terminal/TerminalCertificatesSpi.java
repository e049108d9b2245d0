package org.hpcmfa.keycloak.common.terminal;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The pack's SPI "certificates after a terminal login": ssh-terminal-prompt asks, ssh-cert-endpoint issues. */
public class TerminalCertificatesSpi implements Spi {

    public static final String NAME = "hpc-terminal-certificates";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TerminalCertificates.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TerminalCertificatesProviderFactory.class;
    }
}
