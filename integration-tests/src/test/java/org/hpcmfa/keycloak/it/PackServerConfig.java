package org.hpcmfa.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: every test class names it, so the framework starts Keycloak once
 * and the junit5-config class orderer runs all classes against that start.
 */
public class PackServerConfig implements KeycloakServerConfig {

    /**
     * Keycloak's file vault ({@code <realm>_<key>} files): where gateway secrets referenced as {@code ${vault.key}}
     * come from, as in production. Tests write the files they need.
     */
    public static final Path VAULT_DIR = Path.of(System.getProperty("java.io.tmpdir"), "hpc-mfa-vault");

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        KeycloakUnderTest.stageDistribution();
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            config.dependency(PackJars.GROUP_ID, artifactId);
        }
        // A log file as well as the console, so a test can read the start-up as an admin would (ServerLogIT).
        config.log().handlers(KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE);
        config.option("log-file", ServerLog.FILE.toString());
        try {
            Files.createDirectories(VAULT_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.option("vault", "file");
        config.option("vault-dir", VAULT_DIR.toString());
        // The pack's admin-console tabs and pages use Keycloak's declarative UI, still an experimental feature.
        return config.features(Profile.Feature.DECLARATIVE_UI);
    }
}
