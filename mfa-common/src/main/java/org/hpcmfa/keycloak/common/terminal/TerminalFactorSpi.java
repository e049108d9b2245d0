package org.hpcmfa.keycloak.common.terminal;

import org.hpcmfa.keycloak.common.PackSpi;

/** The pack's SPI for second factors usable at an SSH terminal prompt. */
public class TerminalFactorSpi extends PackSpi {

    public static final String NAME = "hpc-terminal-factor";

    public TerminalFactorSpi() {
        super(NAME, TerminalFactor.class, TerminalFactorProviderFactory.class);
    }
}
