package org.hpcmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * How the pack's cost grows with users, certificates and login nodes: for each realm size (bulk users written in
 * SQL, see {@link ScaleData}) the census time and the node's heap after it, terminal-prompt sign latency, the KRL's
 * size and build time with 1% and 5% of the certificates revoked, password + TOTP login latency, and 1,000 login
 * nodes polling the KRL every 60 s with conditional requests (the node's CPU against an idle window). One node
 * of the cluster tests' production-mode distribution on PostgreSQL. Run by bench/scale.sh; not part of the suite.
 */
class ScaleBench {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("scale.sizes", "10000 50000 100000")
            .trim().split("[ ,]+")).map(Integer::valueOf).sorted().toList();
    private static final int SIGNS = Integer.getInteger("scale.signs", 40);
    private static final int LOGINS = Integer.getInteger("scale.logins", 30);
    private static final int NODES = Integer.getInteger("scale.nodes", 1000);
    private static final Duration POLL_WINDOW = Duration.ofSeconds(Integer.getInteger("scale.pollSeconds", 60));

    @TempDir
    Path dir;

    @Test
    void costAsTheRealmGrows() throws Exception {
        try (KeycloakCluster cluster = KeycloakCluster.start(); Keycloak admin = KeycloakCluster.admin(cluster.a)) {
            cluster.b.stop(); // one node measured alone; the cluster's start is the tested way to run production mode
            RealmResource realm = KeycloakCluster.realm(admin);
            String template = TestUsers.create(realm, "scale-template", "example.org", true, true);
            ScaleData data = new ScaleData(realm.toRepresentation().getId(), TestUsers.id(realm, template));
            ScaleProbes probes = new ScaleProbes(cluster, cluster.a, admin);
            List<ScaleRow> rows = new ArrayList<>();
            int before = 0;
            for (int size : SIZES) {
                rows.add(measure(cluster, data, probes, before, size));
                System.out.println("BENCH " + String.join(" | ", rows.get(rows.size() - 1).cells()));
                new ScaleReport(rows).write(Path.of("target")); // after each size: a long run cut short keeps its rows
                before = size;
            }
            System.out.println("BENCH-TABLE\n" + new ScaleReport(rows).text());
        }
    }

    private ScaleRow measure(KeycloakCluster cluster, ScaleData data, ScaleProbes probes, int before, int size)
            throws Exception {
        long start = System.nanoTime();
        data.growTo(size);
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        probes.clearUserCache();
        ScaleProbes.Census census = probes.census(3);
        assertTrue(census.users() >= size, "census counted " + census.users() + " users of " + size);
        assertTrue(census.withoutFactor() >= size / 5, "census: " + census.withoutFactor() + " without a factor");
        long heap = probes.heapAfterGcMb();
        List<Long> signs = probes.signs(newUsers(before, size, 1, SIGNS), dir);
        data.revokePercent(1);
        ScaleProbes.Krl krl1 = probes.krlAfterRevocation();
        data.revokePercent(5);
        ScaleProbes.Krl krl5 = probes.krlAfterRevocation();
        List<Long> logins = probes.logins(newUsers(before, size, 0, LOGINS));
        KrlPollers.Result polling = new KrlPollers(probes.krlUrl(), probes.realmUrl()).run(NODES, Duration.ofSeconds(60), POLL_WINDOW,
                cluster.a.pid());
        assertTrue(polling.failed() == 0, "KRL polls failed: " + polling);
        return new ScaleRow(size, insertSeconds, census.millis(), heap,
                ScaleProbes.percentile(signs, 50), ScaleProbes.percentile(signs, 95), krl1.bytes(), krl1.millis(),
                krl5.bytes(), krl5.millis(), ScaleProbes.percentile(logins, 50), ScaleProbes.percentile(logins, 95),
                polling);
    }

    /** {@code count} bulk users added by this size whose number ends in {@code digit} (0-5: they have TOTP). */
    private static List<String> newUsers(int before, int size, int digit, int count) {
        return IntStream.range(0, count).map(k -> before + 10 * k + digit + (digit == 0 ? 10 : 0))
                .filter(g -> g <= size).mapToObj(ScaleData::username).toList();
    }
}
