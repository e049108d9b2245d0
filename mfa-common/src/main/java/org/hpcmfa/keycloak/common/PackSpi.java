package org.hpcmfa.keycloak.common;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * An SPI through which one module of the pack serves another without depending on it: a subclass names it and
 * its provider and factory types. Not internal, so Keycloak loads providers of it without a warning.
 */
public abstract class PackSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    private final Class<? extends ProviderFactory> factory;

    protected PackSpi(String name, Class<? extends Provider> provider, Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    @Override
    public final boolean isInternal() {
        return false;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    public final Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }
}
