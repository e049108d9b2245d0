package org.hpcmfa.keycloak.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * The settings map (docs/settings-map.md) lists every setting an admin can change in the console: each setting
 * of each of the pack's configurable providers (authenticators, required actions, key providers, client-policy
 * executors) appears there by its key, so the map cannot fall behind the code. The console tabs and pages act
 * rather than configure (their fields are forms and figures), so they are listed by hand.
 */
class SettingsMapTest {

    /** The SPIs whose providers show settings in the admin console. */
    private static final List<Class<? extends ProviderFactory>> CONFIGURABLE = List.of(
            org.keycloak.authentication.AuthenticatorFactory.class,
            org.keycloak.authentication.RequiredActionFactory.class,
            org.keycloak.keys.KeyProviderFactory.class,
            org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory.class);

    static final StringBuilder DUMP = new StringBuilder();
    @Test
    void everySettingOfEveryPackProviderIsInTheSettingsMap() throws Exception {
        String map = Files.readString(PackJars.rootDir().resolve("docs/settings-map.md"));
        List<String> missing = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Class<? extends ProviderFactory> spi : CONFIGURABLE) {
            for (ProviderFactory<?> factory : ServiceLoader.load(spi)) {
                if (!factory.getClass().getName().startsWith("org.hpcmfa.")) {
                    continue;
                }
                List<ProviderConfigProperty> properties = factory instanceof ConfiguredProvider configured
                        ? configured.getConfigProperties() : List.of();
                if (factory instanceof org.keycloak.authentication.RequiredActionFactory action) {
                    properties = new ArrayList<>(properties);
                    properties.addAll(action.getConfigMetadata());
                }
                for (ProviderConfigProperty property : properties == null ? List.<ProviderConfigProperty>of() : properties) {
                    if (property.getName() == null || property.getName().isBlank()) {
                        continue;
                    }
                    seen.add(factory.getId() + ":" + property.getName());
                    DUMP.append(factory.getId()).append('|').append(property.getName()).append('|').append(property.getLabel()).append('|').append(property.getDefaultValue()).append('|').append(property.getType()).append('\n');
                    if (!map.contains("`" + property.getName() + "`")) {
                        missing.add(factory.getId() + ": `" + property.getName() + "` (" + property.getLabel() + ")");
                    }
                }
            }
        }
        Files.writeString(java.nio.file.Path.of("/tmp/settings-dump.txt"), DUMP);
        assertTrue(seen.size() > 40, "too few settings found, the scan looks in the wrong place: " + seen);
        assertEquals(List.of(), missing, "settings missing from docs/settings-map.md");
    }
}
