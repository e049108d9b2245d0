package org.hpcmfa.keycloak.common.terminal;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The pack's SPI for second factors usable at an SSH terminal prompt. */
public class TerminalFactorSpi implements Spi {

    public static final String NAME = "hpc-terminal-factor";

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
        return TerminalFactor.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TerminalFactorProviderFactory.class;
    }
}
