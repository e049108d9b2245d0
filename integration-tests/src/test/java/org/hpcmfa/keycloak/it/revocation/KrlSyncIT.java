package org.hpcmfa.keycloak.it.revocation;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * login-node/hpc-krl-sync against the real Keycloak and against a misbehaving one: a new list replaces the file
 * by rename, an unchanged one (304) leaves it untouched, and an error answer, an unreachable server, an empty,
 * garbled or truncated body all keep the previous file. End to end, a revocation reaches a real sshd through
 * the sync loop and sshd refuses the certificate, well within the 60-second target.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class KrlSyncIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void aNewListIsRenamedIntoPlaceAndA304LeavesTheFileAlone() throws Exception {
        Path krl = Files.createDirectories(dir.resolve("etc-ssh")).resolve("keycloak-revoked.krl");
        Sshd.Result first = KrlSync.once(realm.getBaseUrl(), krl);
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains(krl + ": updated"), first.output());
        assertArrayEquals(Krls.get(realm.getBaseUrl(), Map.of()).body(), Files.readAllBytes(krl));
        assertTrue(Files.readString(krl.resolveSibling("keycloak-revoked.krl.state")).contains("\"etag\": \"\\\"krl-"));
        Object inode = Files.getAttribute(krl, "unix:ino");
        long modified = Files.getLastModifiedTime(krl).toMillis();

        Thread.sleep(1100);
        Sshd.Result unchanged = KrlSync.once(realm.getBaseUrl(), krl);
        assertEquals(0, unchanged.exitCode(), unchanged.output());
        assertTrue(unchanged.output().contains(": unchanged"), unchanged.output());
        assertEquals(inode, Files.getAttribute(krl, "unix:ino"), "a 304 rewrote the file");
        assertEquals(modified, Files.getLastModifiedTime(krl).toMillis());

        UserCertificates certificates = new UserCertificates(realm, dir);
        String user = certificates.user("krl-sync");
        UserCertificates.Issued issued = certificates.issue(user, 0);
        assertFalse(Krls.revoked(krl, issued.certificate()));
        realm.admin().users().get(TestUsers.id(realm.admin(), user)).logout();

        Sshd.Result updated = KrlSync.once(realm.getBaseUrl(), krl);
        assertTrue(updated.output().contains(": updated"), updated.output());
        assertNotEquals(inode, Files.getAttribute(krl, "unix:ino"), "written in place instead of renamed");
        assertTrue(Krls.revoked(krl, issued.certificate()));
        try (Stream<Path> files = Files.list(krl.getParent())) {
            assertEquals(List.of("keycloak-revoked.krl", "keycloak-revoked.krl.state"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "temporary files left behind");
        }

        // Without the file, the sync asks for the whole list, whatever validators it remembers.
        Files.delete(krl);
        Sshd.Result refetched = KrlSync.once(realm.getBaseUrl(), krl);
        assertTrue(refetched.output().contains(": updated"), refetched.output());
        assertTrue(Krls.revoked(krl, issued.certificate()));
    }

    @Test
    void everyKindOfFailureKeepsThePreviousFile() throws Exception {
        Path krl = dir.resolve("keycloak-revoked.krl");
        assertEquals(0, KrlSync.once(realm.getBaseUrl(), krl).exitCode());
        byte[] good = Files.readAllBytes(krl);

        AtomicReference<Object[]> next = new AtomicReference<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            Object[] answer = next.get();
            byte[] body = (byte[]) answer[1];
            exchange.sendResponseHeaders((Integer) answer[0], body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        fake.start();
        String fakeUrl = "http://127.0.0.1:" + fake.getAddress().getPort() + "/realms/fake";
        try {
            Map<String, Object[]> cases = Map.of(
                    "HTTP 500", new Object[] {500, "{\"error\":\"unknown_error\"}".getBytes(StandardCharsets.UTF_8)},
                    "HTTP 503 from a proxy", new Object[] {503, "<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8)},
                    "an empty 200", new Object[] {200, new byte[0]},
                    "an HTML page with 200", new Object[] {200, "<html><body>Login</body></html>".getBytes(StandardCharsets.UTF_8)},
                    "a truncated KRL", new Object[] {200, Arrays.copyOf(good, good.length - 3)},
                    "a KRL whose section is garbled", new Object[] {200, withGarbledTail(good)});
            for (Map.Entry<String, Object[]> c : cases.entrySet()) {
                next.set(c.getValue());
                Sshd.Result result = KrlSync.once(fakeUrl, krl);
                assertEquals(1, result.exitCode(), c.getKey() + ": " + result.output());
                assertTrue(result.output().contains("keeping the previous"), c.getKey() + ": " + result.output());
                assertArrayEquals(good, Files.readAllBytes(krl), c.getKey() + " replaced the KRL");
            }
        } finally {
            fake.stop(0);
        }

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Sshd.Result unreachable = KrlSync.once("http://127.0.0.1:" + closedPort + "/realms/x", krl);
        assertEquals(1, unreachable.exitCode(), unreachable.output());
        assertTrue(unreachable.output().contains("cannot fetch"), unreachable.output());
        assertArrayEquals(good, Files.readAllBytes(krl));

        Sshd.Result plain = KrlSync.once("http://mfa.example.org/realms/hpc", krl);
        assertEquals(2, plain.exitCode(), plain.output());
        assertTrue(plain.output().contains("use https://"), plain.output());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".krl")), "temporary files left behind");
        }
    }

    /** A valid header followed by a certificate section whose length runs past the end of the file. */
    private static byte[] withGarbledTail(byte[] krl) throws IOException {
        byte[] garbled = Arrays.copyOf(krl, krl.length + 9);
        garbled[krl.length] = 1; // section type: certificates
        garbled[krl.length + 1] = 0x7f; // a length of about 2 GB
        return garbled;
    }

    @Test
    void aRevocationReachesARealSshdThroughTheSyncLoopWithinAMinute() throws Exception {
        UserCertificates certificates = new UserCertificates(realm, dir);
        String user = certificates.user("krl-e2e");
        UserCertificates.Issued issued = certificates.issue(user, 0);
        Path sshdDir = Files.createDirectories(dir.resolve("sshd"));
        try (Sshd sshd = Sshd.start(sshdDir, new org.hpcmfa.keycloak.it.sshcert.DeviceLogin(realm.getBaseUrl()).caPub(),
                Krls.get(realm.getBaseUrl(), Map.of()).body(), user)) {
            Process loop = KrlSync.loop(realm.getBaseUrl(), sshdDir.resolve("krl"), 2, dir.resolve("sync.log"));
            try {
                assertEquals(0, sshd.ssh(Map.of(), issued.sshOptions()).exitCode(), sshd.log());
                long revokedAt = System.nanoTime();
                realm.admin().users().get(TestUsers.id(realm.admin(), user)).logout();
                double seconds = -1;
                while (System.nanoTime() - revokedAt < 70_000_000_000L) {
                    if (sshd.ssh(Map.of(), issued.sshOptions()).exitCode() != 0) {
                        seconds = (System.nanoTime() - revokedAt) / 1e9;
                        break;
                    }
                    Thread.sleep(200);
                }
                System.out.printf("revocation -> sshd refuses: %.2f s (sync loop every 2 s)%n", seconds);
                assertTrue(seconds > 0 && seconds <= 60, "sshd still accepted the certificate after 70 s: "
                        + Files.readString(dir.resolve("sync.log")));
                assertTrue(sshd.log().contains("revoked"), sshd.log());
            } finally {
                loop.destroy();
            }
        }
    }
}
