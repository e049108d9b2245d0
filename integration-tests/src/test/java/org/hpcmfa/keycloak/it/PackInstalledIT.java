package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The harness itself: the real distribution runs with exactly the jars this build produced. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PackInstalledIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void everyJarOfThePackIsInstalledInProviders() throws Exception {
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            Path installed = PackJars.serverProvidersDir().resolve(artifactId + ".jar");
            assertTrue(Files.isRegularFile(installed), "missing in providers/: " + installed);
            assertArrayEquals(Files.readAllBytes(PackJars.builtJar(artifactId)), Files.readAllBytes(installed),
                    artifactId + ".jar in providers/ is not the jar this build produced");
        }
    }

    @Test
    void serverRunsTheKeycloakVersionUnderTest() {
        // The pinned version, or in the version matrix the minor that run stands for (KeycloakUnderTest).
        ServerInfoRepresentation info = admin.serverInfo().getInfo();
        assertEquals(KeycloakUnderTest.version(), info.getSystemInfo().getVersion());
    }

    @Test
    void serverInfoListsThePackLoginTheme() {
        List<ThemeInfoRepresentation> loginThemes = admin.serverInfo().getInfo().getThemes().get("login");
        ThemeInfoRepresentation theme = loginThemes.stream()
                .filter(t -> "hpc-mfa".equals(t.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("login theme hpc-mfa not loaded; themes: " + loginThemes));
        assertTrue(List.of(theme.getLocales()).containsAll(List.of("en", "fr", "nl", "de")),
                "hpc-mfa theme locales: " + List.of(theme.getLocales()));
    }
}
