package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The admin's check after installing the pack or upgrading Keycloak ({@code ops/check-install.sh}, documented
 * in docs/keycloak-versions.md) run as the admin runs it: with the distribution's own kcadm.sh, the password
 * from the environment. In the version matrix it runs on every Keycloak minor.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PackInstallCheckIT {

    @Test
    void checkScriptFindsEveryJarOfThePackLoaded() throws Exception {
        Result result = run("admin");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("Keycloak " + KeycloakUnderTest.version()
                + ": every jar of the HPC MFA pack is loaded."), result.output());
        assertTrue(!result.output().contains("MISSING"), result.output());
        for (String jar : PackJars.ARTIFACT_IDS) {
            assertTrue(result.output().contains("ok       " + jar + ":"), jar + " not checked:\n" + result.output());
        }
    }

    @Test
    void aWrongAdminPasswordIsAUsageErrorNotAVerdict() throws Exception {
        Result result = run("not-the-password");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("cannot log in to http://localhost:8080 as admin"), result.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String password) throws Exception {
        Path script = PackJars.rootDir().resolve("ops").resolve("check-install.sh");
        Path kcadm = PackJars.serverProvidersDir().getParent().resolve("bin").resolve("kcadm.sh");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), "--server",
                "http://localhost:8080", "--kcadm", kcadm.toString())).redirectErrorStream(true);
        builder.environment().put("KEYCLOAK_ADMIN", "admin");
        builder.environment().put("KEYCLOAK_ADMIN_PASSWORD", password);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "check-install.sh did not finish");
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
