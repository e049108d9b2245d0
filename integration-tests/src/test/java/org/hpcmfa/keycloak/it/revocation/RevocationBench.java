package org.hpcmfa.keycloak.it.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshcert.SshAdminApi;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Run by bench/ssh-revocation.sh; not part of the suite.
 * <ol>
 * <li>Revocation to refusal: a real sshd whose RevokedKeys file hpc-krl-sync refreshes every
 * {@code bench.syncSeconds} (30, as the shipped timer); for each of {@code bench.revocations} users a
 * certificate that logs in, then, at a random moment of the sync period, a trigger ({@link RevocationTriggers}
 * in turn: lost phone, disable-MFA confirmation, last second factor removed, disable, delete, sign-out), then ssh
 * every 100 ms until sshd refuses. p50/max of trigger → refusal.</li>
 * <li>KRL cost: conditional requests answered 304 against full answers (both from the list kept with the cached
 * realm) and against the first request after a realm change (realm reloaded, list rebuilt from the database),
 * interleaved in one run, with {@code bench.krlSizes} revoked certificates in the list.</li>
 * </ol>
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RevocationBench {

    private static final int REVOCATIONS = Integer.getInteger("bench.revocations", 20);
    private static final double SYNC_SECONDS = Double.parseDouble(System.getProperty("bench.syncSeconds", "30"));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 300);
    private static final List<Integer> KRL_SIZES = Arrays.stream(System.getProperty("bench.krlSizes", "0,100,1000")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path dir;

    @Test
    void revocationToRefusal() throws Exception {
        UserCertificates certificates = new UserCertificates(realm, dir);
        Path sshdDir = Files.createDirectories(dir.resolve("sshd"));
        RevocationTriggers.Trigger[] triggers = RevocationTriggers.Trigger.values();
        RevocationTriggers fire = new RevocationTriggers(realm, admin, mail);
        double[] seconds = new double[REVOCATIONS];
        java.util.Random phase = new java.util.Random(42);
        try (Sshd sshd = Sshd.start(sshdDir, new DeviceLogin(realm.getBaseUrl()).caPub(),
                Krls.get(realm.getBaseUrl(), Map.of()).body(), "nobody-yet")) {
            Process loop = KrlSync.loop(realm.getBaseUrl(), sshdDir.resolve("krl"), SYNC_SECONDS, dir.resolve("sync.log"));
            try {
                for (int i = 0; i < REVOCATIONS; i++) {
                    String user = certificates.user("bench-rv");
                    UserCertificates.Issued issued = certificates.issue(user, 0);
                    sshd.principals(user);
                    assertEquals(0, sshd.ssh(Map.of(), issued.sshOptions()).exitCode(), sshd.log());
                    RevocationTriggers.Trigger trigger = triggers[i % triggers.length];
                    // A random moment within the sync period: otherwise the loop's rhythm and this one's lock
                    // into a fixed phase and every measurement shows the same part of the interval.
                    Thread.sleep((long) (phase.nextDouble() * SYNC_SECONDS * 1000));
                    long start = fire.fire(trigger, user);
                    while (sshd.ssh(Map.of(), issued.sshOptions()).exitCode() == 0) {
                        assertTrue(System.nanoTime() - start < 120_000_000_000L, "not refused after 120 s");
                        Thread.sleep(100);
                    }
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                    System.out.printf("BENCH revocation %2d (%s): refused after %.2f s%n", i + 1, trigger, seconds[i]);
                }
            } finally {
                loop.destroy();
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("BENCH revocation -> sshd refuses, n=%d, sync every %.0f s: p50 %.1f s, max %.1f s, mean %.1f s%n",
                REVOCATIONS, SYNC_SECONDS, sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1],
                Arrays.stream(seconds).average().orElse(0));
    }

    @Test
    void notModifiedAgainstAFullAnswer() throws Exception {
        SshAdminApi.configure(realm, Map.of("max-certificates-per-hour", List.of("1000000")));
        Sshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("k").toString()), Map.of());
        String body = "{\"public_key\":\"" + Files.readString(dir.resolve("k.pub")).trim() + "\"}";
        DeviceLogin api = new DeviceLogin(realm.getBaseUrl());
        HttpClient http = HttpClient.newHttpClient();
        URI krl = URI.create(realm.getBaseUrl() + "/ssh-ca/krl");
        int listed = 0;
        List<String> lines = new ArrayList<>();
        for (int size : KRL_SIZES) {
            listed += revokeMore(api, body, size - listed);
            HttpResponse<byte[]> current = http.send(HttpRequest.newBuilder(krl).build(), HttpResponse.BodyHandlers.ofByteArray());
            String etag = current.headers().firstValue("ETag").orElseThrow();
            HttpRequest full = HttpRequest.newBuilder(krl).build();
            HttpRequest conditional = HttpRequest.newBuilder(krl).header("If-None-Match", etag).build();
            long[] fullNanos = new long[ROUNDS];
            long[] conditionalNanos = new long[ROUNDS];
            long[] rebuildNanos = new long[ROUNDS];
            for (int i = 0; i < ROUNDS + 50; i++) {
                long f = time(http, full, 200);
                long c = time(http, conditional, 304);
                long r = timeAfterRealmChange(http, full);
                if (i >= 50) {
                    fullNanos[i - 50] = f;
                    conditionalNanos[i - 50] = c;
                    rebuildNanos[i - 50] = r;
                }
            }
            Path file = Files.write(dir.resolve("krl-" + size), current.body());
            long serials = Sshd.run(List.of("ssh-keygen", "-Q", "-l", "-f", file.toString()), Map.of()).output().lines()
                    .filter(l -> l.startsWith("serial:")).count();
            lines.add(String.format("BENCH KRL %5d revoked (%7d bytes): first poll after a change (rebuild) p50 %.2f ms "
                            + "p99 %.2f ms | full p50 %.2f ms p99 %.2f ms | 304 p50 %.2f ms "
                            + "p99 %.2f ms | ratio 304/full p50 %.2f, p99 %.2f, total %.2f", serials, current.body().length,
                    pct(rebuildNanos, 50) / 1e6, pct(rebuildNanos, 99) / 1e6,
                    pct(fullNanos, 50) / 1e6, pct(fullNanos, 99) / 1e6, pct(conditionalNanos, 50) / 1e6,
                    pct(conditionalNanos, 99) / 1e6, (double) pct(conditionalNanos, 50) / pct(fullNanos, 50),
                    (double) pct(conditionalNanos, 99) / pct(fullNanos, 99),
                    (double) Arrays.stream(conditionalNanos).sum() / Arrays.stream(fullNanos).sum()));
        }
        lines.forEach(System.out::println);
    }

    /** Signs {@code count} certificates for the demo's ci-deploy job, then disables its account: all revoked. */
    private int revokeMore(DeviceLogin api, String body, int count) throws Exception {
        if (count <= 0) {
            return 0;
        }
        String accountId = realm.admin().clients().get(realm.admin().clients().findByClientId("ci-deploy").get(0).getId())
                .getServiceAccountUser().getId();
        UserResource account = realm.admin().users().get(accountId);
        UserRepresentation rep = account.toRepresentation();
        rep.setEnabled(true);
        account.update(rep);
        TerminalApi tokens = new TerminalApi(realm.getBaseUrl());
        String token = tokens.gatewayToken("ci-deploy", TerminalApi.secret(realm.admin(), "ci-deploy"));
        for (int i = 0; i < count; i++) {
            if (i % 500 == 499) {
                token = tokens.gatewayToken("ci-deploy", TerminalApi.secret(realm.admin(), "ci-deploy"));
            }
            DeviceLogin.Reply signed = api.sign(token, body);
            assertEquals(200, signed.status(), String.valueOf(signed.body()));
        }
        rep.setEnabled(false);
        account.update(rep);
        return count;
    }

    /**
     * Changes the realm as a revocation does for the KRL (every node drops its cached realm and the list kept
     * with it), here by saving the CA unchanged, then times the next full answer: a realm reload and a rebuild.
     */
    private long timeAfterRealmChange(HttpClient http, HttpRequest full) throws Exception {
        ComponentRepresentation ca = realm.admin().components().query(null, "org.keycloak.keys.KeyProvider").stream()
                .filter(c -> "hpc-ssh-user-ca".equals(c.getProviderId())).findFirst().orElseThrow();
        realm.admin().components().component(ca.getId()).update(ca);
        return time(http, full, 200);
    }

    private static long time(HttpClient http, HttpRequest request, int status) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        assertEquals(status, r.statusCode());
        return elapsed;
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
