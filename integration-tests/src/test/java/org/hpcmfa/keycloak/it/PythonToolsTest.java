package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python unit tests of the user CLI (client/tests) and of the PAM helper (login-node/tests), run by the
 * Maven build: where secrets may come from, and that plain http is refused except to the machine itself.
 */
class PythonToolsTest {

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
