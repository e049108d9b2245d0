package org.hpcmfa.keycloak.it;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python unit tests (standard library unittest) of the user CLI (client/tests) and of the login-node helpers
 * (login-node/tests), run by the Maven build, the one place they run: where secrets may come from, that plain http is
 * refused except to the machine itself, the certificate-state table with real certificates, the renewal decision,
 * arguments, refusal messages and exit codes, file modes, and that each tool's --version is the root pom's version.
 * The PAM module's C harness runs in the login-node module (make check). Run by failsafe with the integration
 * tests, so a machine without python3 names it in the same one skip line as them (docs/testing.md).
 */
@Needs({OPENSSH_CLIENT, PYTHON3})
class PythonToolsIT {

    @ParameterizedTest
    @ValueSource(strings = {"client/tests", "login-node/tests"})
    void pythonUnitTestsPass(String directory) throws Exception {
        Process process = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", directory, "-v")
                .directory(PackJars.rootDir().toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("OK"), output);
    }
}
