package org.hpcmfa.keycloak.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The demo's admin console shows the pack's readable credential names ("Registration token"), which needs the
 * master realm's admin theme: the demo's sidecar (demo/DemoSidecar.java, started as demo.sh starts it) sets it from
 * demo/master-realm-settings.json once Keycloak answers, on every start, before it prints the banner.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DemoMasterRealmIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path work;

    private String adminThemeBefore;

    @BeforeEach
    void masterStartsWithKeycloaksOwnAdminTheme() {
        RealmRepresentation master = admin.realm("master").toRepresentation();
        adminThemeBefore = master.getAdminTheme();
        master.setAdminTheme("keycloak.v2");
        admin.realm("master").update(master);
    }

    @AfterEach
    void restoreAdminTheme() {
        RealmRepresentation master = admin.realm("master").toRepresentation();
        master.setAdminTheme(adminThemeBefore == null ? "" : adminThemeBefore);
        admin.realm("master").update(master);
    }

    @Test
    void everyDemoStartGivesTheAdminConsoleThePacksTheme() throws Exception {
        String firstStart = runSidecarUntilBanner("first");
        assertEquals("hpc-mfa", admin.realm("master").toRepresentation().getAdminTheme(), firstStart);
        assertTrue(firstStart.contains("[demo] master realm: {\"adminTheme\":\"hpc-mfa\"}"), firstStart);

        // A second start (demo.sh without --reset keeps the database) applies the same file again, without error.
        String secondStart = runSidecarUntilBanner("second");
        assertEquals("hpc-mfa", admin.realm("master").toRepresentation().getAdminTheme());
        assertTrue(secondStart.contains("[demo] master realm: {\"adminTheme\":\"hpc-mfa\"}"), secondStart);
        assertEquals("hpc-mfa", realm.admin().toRepresentation().getAdminTheme(),
                "the demo realm's own admin console (/admin/mfa-demo/console), from the realm file");
    }

    /** Starts the sidecar against the test server, waits for its banner, stops it; returns what it printed. */
    private String runSidecarUntilBanner(String name) throws Exception {
        Path root = PackJars.rootDir();
        Path stdout = work.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String keycloak = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        Process sidecar = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                root.resolve("demo/DemoSidecar.java").toString(), root.resolve("demo/mfa-demo-realm.json").toString(),
                keycloak, String.valueOf(freePort()), String.valueOf(freePort()), work.resolve(name + "-mail").toString())
                .redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(WAIT);
            while (!Files.readString(stdout).contains("HPC MFA pack demo is running")) {
                assertTrue(sidecar.isAlive() && Instant.now().isBefore(deadline),
                        "no banner from the sidecar: " + Files.readString(stdout));
                Thread.sleep(200);
            }
            return Files.readString(stdout);
        } finally {
            sidecar.destroy();
            sidecar.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
