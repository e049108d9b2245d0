package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What docs/keycloak-versions.md tells an admin to look for in the server log after an upgrade, checked on every
 * minor of the version matrix: Keycloak reports the version it is, and nothing in the start-up says the pack does
 * not fit it. (The KC-SERVICES0047 lines come from the build step, before the log file exists; the console shows
 * them, and PackInstallCheckIT checks every provider is loaded.)
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class ServerLogIT {

    @Test
    void theStartUpShowsThePacksProvidersAndNoSignOfAMismatch() throws Exception {
        List<String> startUp = ServerLog.startUp();
        String started = startUp.get(startUp.size() - 1);
        assertTrue(started.contains("Keycloak " + KeycloakUnderTest.version() + " on JVM"), started);
        List<String> mismatches = startUp.stream()
                .filter(line -> (line.contains(" ERROR ") && line.contains("org.hpcmfa"))
                        || line.contains("NoSuchMethodError") || line.contains("NoClassDefFoundError")
                        || line.contains("AbstractMethodError"))
                .toList();
        assertEquals(List.of(), mismatches, "the start-up log says the pack does not fit this Keycloak");
    }
}
