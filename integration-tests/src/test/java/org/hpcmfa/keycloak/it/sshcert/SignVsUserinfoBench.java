package org.hpcmfa.keycloak.it.sshcert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * POST ssh-ca/sign against Keycloak's userinfo endpoint with the same MFA access token, interleaved in one run:
 * throughput and p50/p99 of each, and their ratio, first with the realm storing events (the demo realm's setting),
 * then without. Run by bench/ssh-sign-vs-userinfo.sh; not part of the suite.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SignVsUserinfoBench {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 50);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 300);

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    @Test
    void signAgainstUserinfo() throws Exception {
        SshAdminApi.configure(realm, Map.of("max-certificates-per-hour", List.of("10000")));
        String user = TestUsers.create(realm.admin(), "bench-ssh", "example.org", true, true);
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        Sshd.run(List.of("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", dir.resolve("k").toString()), Map.of());
        String publicKey = Files.readString(dir.resolve("k.pub")).trim();
        JsonNode started = device.start("ssh-cli", null, publicKey);
        DeviceLogin.approveInBrowser(new LoginDriver(driver, realm), started.get("verification_uri_complete").asText(), user);
        String token = device.poll("ssh-cli", null, started.get("device_code").asText());
        String body = "{\"public_key\":\"" + publicKey + "\"}";

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest sign = HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/ssh-ca/sign"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpRequest userinfo = HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + token).GET().build();

        measure("events stored", http, sign, userinfo);
        // The same with the realm's event store off: the audit event is still built and sent to the listeners
        // (jboss-logging), only not written; the difference is the second database write of a sign.
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setEventsEnabled(false);
        realm.admin().update(settings);
        measure("events not stored", http, sign, userinfo);
    }

    private static void measure(String condition, HttpClient http, HttpRequest sign, HttpRequest userinfo)
            throws Exception {
        long[] signNanos = new long[ROUNDS];
        long[] userinfoNanos = new long[ROUNDS];
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            long s = time(http, sign);
            long u = time(http, userinfo);
            if (i >= WARMUP) {
                signNanos[i - WARMUP] = s;
                userinfoNanos[i - WARMUP] = u;
            }
        }
        System.out.printf("BENCH [%s]%n", condition);
        report("sign", signNanos);
        report("userinfo", userinfoNanos);
        System.out.printf("BENCH ratio sign/userinfo: p50 %.2f, p99 %.2f, throughput %.2f%n",
                (double) pct(signNanos, 50) / pct(userinfoNanos, 50), (double) pct(signNanos, 99) / pct(userinfoNanos, 99),
                (double) sum(signNanos) / sum(userinfoNanos));
    }

    private static long time(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        assertEquals(200, r.statusCode(), r.body());
        return elapsed;
    }

    private static void report(String what, long[] nanos) {
        System.out.printf("BENCH %-9s n=%d p50=%.2f ms p99=%.2f ms throughput=%.0f req/s (sequential)%n", what, nanos.length,
                pct(nanos, 50) / 1e6, pct(nanos, 99) / 1e6, nanos.length / (sum(nanos) / 1e9));
    }

    private static long sum(long[] v) {
        return Arrays.stream(v).sum();
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
