package org.hpcmfa.keycloak.it.cluster;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.ROOT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.POSTGRESQL;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.UNZIP;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.emailotp.EmailCodeAdmin;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The pack on a two-node cluster (production mode, PostgreSQL, Infinispan): every step of a login may land on
 * either node, and a node may die. The faults come last, as they take node A down and up again.
 */
@Needs({ROOT, POSTGRESQL, UNZIP, OPENSSH_CLIENT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** Push logins timed across the two nodes (p50/p95 printed as a BENCH line, for docs/benchmarks.md). */
    private static final int PUSH_ROUNDS = Integer.getInteger("cluster.pushRounds", 20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakCluster cluster;
    Keycloak admin;
    RealmResource realm;
    ClusterLogins logins;

    @TempDir
    Path dir;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = KeycloakCluster.start(List.of(ClusterPurge.OPTION));
        admin = KeycloakCluster.admin(cluster.b); // the realm made through A, administered through B
        realm = KeycloakCluster.realm(admin);
        logins = new ClusterLogins(cluster);
        PushAdmin.allowFastRetries(realm);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anEmailCodeSentThroughAIsAcceptedOnB() throws Exception {
        String user = TestUsers.create(realm, "cl-mail", "example.org", true);
        int before = logins.mailCount(user);
        HttpLoginClient browser = logins.passwordStep(cluster.a, user);
        assertTrue(browser.last().body().contains("kc-email-otp-form"), browser.last().body());
        String code = logins.mailedCode(user, before);
        browser.via(cluster.b.route()).submit("kc-email-otp-form", Map.of("emailCode", code));
        assertTrue(ClusterLogins.completed(browser), browser.last().body());
    }

    @Test
    @Order(2)
    void theHourlyMailLimitHoldsAcrossNodes() throws Exception {
        EmailCodeAdmin.configure(realm, Map.of("max-mails-per-hour", "3", "resend-cooldown-seconds", "0"));
        try {
            String user = TestUsers.create(realm, "cl-limit", "example.org", true);
            HttpLoginClient browser = logins.passwordStep(cluster.a, user); // mail 1, through A
            browser.via(cluster.b.route()).submit("kc-email-otp-resend-form", Map.of("resend", "true")); // 2, B
            browser.via(cluster.a.route()).submit("kc-email-otp-resend-form", Map.of("resend", "true")); // 3, A
            browser.via(cluster.b.route()).submit("kc-email-otp-resend-form", Map.of("resend", "true")); // refused
            Thread.sleep(500);
            assertEquals(3, logins.mailCount(user), "three mails in the hour, whichever node sends");
            assertTrue(browser.last().body().contains("email_code_hourly_limit") || browser.last().body().contains("hour"),
                    browser.last().body());
        } finally {
            EmailCodeAdmin.configure(realm, Map.of());
        }
    }

    @Test
    @Order(3)
    void aPushPageWaitingOnAIsAnsweredByThePhoneOnBWithinOneSecond() throws Exception {
        String user = TestUsers.create(realm, "cl-push", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, KeycloakCluster.realmUrl(), user, cluster.a.route())
                .via(cluster.b.route());
        PushAdmin.configure(realm, Map.of("challenges-per-minute", "60"));
        List<Long> latencies = new ArrayList<>();
        Random random = new Random(7);
        try {
            for (int round = 0; round < PUSH_ROUNDS; round++) {
                HttpLoginClient page = logins.passwordStep(cluster.a, user);
                String statusUrl = cluster.a.route().apply(ClusterLogins.statusUrl(page));
                String number = ClusterLogins.number(page);
                CompletableFuture<Long> loggedIn = waitLikeThePage(page, statusUrl);
                Thread.sleep(random.nextInt(300)); // the person looks at the phone: the page is already waiting
                List<JsonNode> requests = phone.poll();
                assertEquals(1, requests.size(), "the challenge made on A, polled on B");
                long approvedAt = System.nanoTime();
                assertTrue(phone.approve(requests.get(0), number).value());
                latencies.add((loggedIn.get(30, TimeUnit.SECONDS) - approvedAt) / 1_000_000);
            }
        } finally {
            PushAdmin.configure(realm, Map.of());
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        long p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        System.out.println("BENCH push approve-to-login across two nodes (page on A, phone on B), " + PUSH_ROUNDS
                + " logins: p50 " + sorted.get(sorted.size() / 2) + " ms, p95 " + p95 + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms");
        assertTrue(p95 < 1000, "login completed " + latencies + " ms after the answer on the other node");
    }

    @Test
    @Order(4)
    void oneRegistrationTokenSubmittedToBothNodesAtOnceGivesOneLogin() throws Exception {
        String user = TestUsers.createWithoutPassword(realm, "cl-token", "example.org");
        String userId = TestUsers.id(realm, user);
        TokenAdminApi api = new TokenAdminApi(cluster.b.url(), KeycloakCluster.REALM);
        String token = api.issue(admin.tokenManager().getAccessTokenString(), userId, false).body().get("token").asText();
        String realmUrl = KeycloakCluster.realmUrl();
        List<HttpLoginClient> browsers = new ArrayList<>();
        for (KeycloakNode node : List.of(cluster.a, cluster.b, cluster.a, cluster.b)) {
            HttpLoginClient browser = new HttpLoginClient().via(node.route());
            browser.get(new BrowserLogin(realmUrl, LoginDriver.PORTAL, realmUrl + "/").authorizationUrl(Map.of()));
            browsers.add(browser);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpLoginClient browser : browsers) {
            String action = browser.formAction("kc-form-login");
            answers.add(pool.submit(() -> {
                start.await();
                return browser.post(action, Map.of("username", user, "password", token));
            }));
        }
        start.countDown();
        int loggedIn = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("required-action")
                    || r.body().contains("kc-totp-settings-form") || r.body().contains("kc-enrol-choose-form")) {
                loggedIn++;
            }
        }
        pool.shutdown();
        assertEquals(1, loggedIn, "logins with one token across two nodes");
        assertTrue(api.status(admin.tokenManager().getAccessTokenString(), userId).body().get("used").asBoolean());
    }

    @Test
    @Order(5)
    void bothNodesSignWithOneCaNeverTheSameSerialAndShareRevocations() throws Exception {
        String caA = get(cluster.a.url() + "/realms/" + KeycloakCluster.REALM + "/ssh-ca/ca.pub");
        assertEquals(caA, get(cluster.b.url() + "/realms/" + KeycloakCluster.REALM + "/ssh-ca/ca.pub"));
        TerminalApi onA = new TerminalApi(cluster.a.url() + "/realms/" + KeycloakCluster.REALM);
        TerminalApi onB = new TerminalApi(cluster.b.url() + "/realms/" + KeycloakCluster.REALM);
        String gateway = onA.gatewayToken("ssh-gateway", TerminalApi.secret(realm, "ssh-gateway"));
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString()));
        String publicKey = Files.readString(dir.resolve("id.pub")).trim();
        List<String> serials = new ArrayList<>();
        List<String> certificates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String user = TestUsers.create(realm, "cl-ssh", "example.org", false, true);
            TerminalApi starter = i % 2 == 0 ? onA : onB;
            TerminalApi finisher = i % 2 == 0 ? onB : onA;
            String handle = starter.start(gateway, user).text("handle");
            TerminalApi.Reply done = finisher.call(gateway, "finish", Map.of("handle", handle,
                    "answer", TestUsers.totpNow(), "public_key", publicKey));
            assertEquals(200, done.status(), done.body().toString());
            serials.add(done.text("serial"));
            certificates.add(done.text("certificate"));
        }
        assertEquals(serials.size(), new HashSet<>(serials).size(), "serials issued twice: " + serials);
        Path revoked = dir.resolve("revoked-cert.pub");
        Files.writeString(revoked, certificates.get(0) + "\n");
        Path kept = dir.resolve("kept-cert.pub");
        Files.writeString(kept, certificates.get(1) + "\n");
        String unrevoked = ClusterKrl.sameOnBothNodes(cluster, dir); // both nodes now keep the built list
        HttpResponse<String> revoke = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.a.url() + "/admin/realms/"
                        + KeycloakCluster.REALM + "/ssh-ca/revoke"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"serial\":\"" + serials.get(0) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoke.statusCode(), revoke.body());
        String revokedEtag = ClusterKrl.changedOn(cluster.b, unrevoked, dir.resolve("krl")).etag(); // no waiting
        assertTrue(krlCheck(revoked).contains("REVOKED"), "revoked through A, listed in B's KRL");
        assertFalse(krlCheck(kept).contains("REVOKED"), "only that certificate");
        assertEquals(revokedEtag, ClusterKrl.sameOnBothNodes(cluster, dir));

        ClusterKrl.rotateCa(realm); // through B, the admin client's node
        String rotatedEtag = ClusterKrl.changedOn(cluster.a, revokedEtag, dir.resolve("krl")).etag();
        assertTrue(krlCheck(revoked).contains("REVOKED"), "still listed under the retired, still published key");
        assertEquals(rotatedEtag, ClusterKrl.sameOnBothNodes(cluster, dir));
    }

    private String krlCheck(Path certificate) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-Q", "-f", dir.resolve("krl").toString(), certificate.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /**
     * The purge of records expired more than 30 days ago runs as a scheduled task on the cluster, not on the sign
     * path: it deletes those records and no other, and a revoked one among them makes every node rebuild its KRL,
     * which still lists the revoked certificates that have not expired.
     */
    @Test
    @Order(6)
    void theScheduledPurgeDeletesOnlyLongExpiredRecordsAndEveryNodeHearsOfIt() throws Exception {
        String user = TestUsers.create(realm, "cl-purge", "example.org", false, true);
        ClusterPurge purge = new ClusterPurge(realm.toRepresentation().getId());
        Path certificate = dir.resolve("purge-cert.pub");
        TerminalApi.Reply issued = ClusterPurge.issue(cluster.a, realm, user, dir.resolve("purge-id"), certificate);
        String etag = ClusterKrl.sameOnBothNodes(cluster, dir); // both nodes keep the list without it

        purge.revokeBehindKeycloaksBack(issued.text("serial"));
        List<Long> before = purge.serials();
        purge.writeExpiredRecords(TestUsers.id(realm, user), issued.text("serial"));
        List<Long> old = List.of(ClusterPurge.EXPIRED_31_DAYS, ClusterPurge.REVOKED_EXPIRED_31_DAYS);
        long millis = purge.awaitGone(old, 30);
        System.out.println("CLUSTER purge: records expired 31 days ago gone after " + millis + " ms (interval "
                + ClusterPurge.INTERVAL_SECONDS + " s)");
        assertTrue(millis >= 0, "the scheduled purge did not delete the records expired 31 days ago within 30 s");
        List<Long> expected = new ArrayList<>(before);
        expected.add(ClusterPurge.EXPIRED_YESTERDAY);
        expected.sort(null);
        assertEquals(expected, purge.serials(), "only records past the 30-day retention go; yesterday's stays");

        for (KeycloakNode node : List.of(cluster.a, cluster.b)) {
            ClusterKrl.changedOn(node, etag, dir.resolve("krl"));
            assertTrue(krlCheck(certificate).contains("REVOKED"), "node " + node.name
                    + ": the purge of a revoked record marks the realm changed, and the KRL still lists the "
                    + "revoked certificate that has not expired");
        }
    }

    @Test
    @Order(6)
    void anAddressLeavesTheFirewallListOfEveryNodeAfterTheRealmsDays() throws Exception {
        String user = TestUsers.create(realm, "cl-addr", "example.org", false, true);
        new ClusterAllowlist(realm.toRepresentation().getId()).writeAddresses(TestUsers.id(realm, user));
        for (KeycloakNode node : List.of(cluster.a, cluster.b)) {
            List<String> listed = ClusterAllowlist.firewallList(node);
            assertTrue(listed.contains(ClusterAllowlist.RECENT), "node " + node.name
                    + ": an address used yesterday is allowed: " + listed);
            assertFalse(listed.contains(ClusterAllowlist.TOO_OLD), "node " + node.name + ": an address last used "
                    + (ClusterAllowlist.DAYS + 1) + " days ago is no longer allowed: " + listed);
        }
    }

    @Test
    @Order(7)
    void fiveHundredMixedLoginsAcrossBothNodesWithoutAnError() throws Exception {
        int total = Integer.getInteger("cluster.logins", 500);
        long heapA = cluster.a.heapAfterGcBytes();
        long heapB = cluster.b.heapAfterGcBytes();
        ClusterLoad.Result result = new ClusterLoad(cluster, realm).run(total, 4);
        long heapAfterA = cluster.a.heapAfterGcBytes();
        long heapAfterB = cluster.b.heapAfterGcBytes();
        String figures = String.format("BENCH cluster load: %d logins (TOTP, email code, push; each started on one node "
                        + "and finished on the other), 4 clients, %.1f s, %.1f logins/s, p50 %d ms, p95 %d ms, errors %d; "
                        + "heap after GC node A %d -> %d MiB, node B %d -> %d MiB",
                result.logins(), result.seconds(), result.throughput(), result.percentile(50), result.percentile(95),
                result.errors(), heapA >> 20, heapAfterA >> 20, heapB >> 20, heapAfterB >> 20);
        System.out.println(figures);
        Files.writeString(cluster.home().resolveSibling("load-figures.txt"), figures + "\n");
        assertEquals(0, result.errors(), String.valueOf(result.firstErrors()));
        assertEquals(total, result.logins());
    }

    @Test
    @Order(8)
    void whenNodeADiesPendingPushAndEmailLoginsFinishOnB() throws Exception {
        String mailUser = TestUsers.create(realm, "cl-kill-mail", "example.org", true);
        String pushUser = TestUsers.create(realm, "cl-kill-push", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, KeycloakCluster.realmUrl(), pushUser, cluster.a.route())
                .via(cluster.b.route());
        Map<String, Integer> credentialsBefore = credentialCounts(mailUser, pushUser);
        int before = logins.mailCount(mailUser);
        HttpLoginClient mailLogin = logins.passwordStep(cluster.a, mailUser);
        String code = logins.mailedCode(mailUser, before);
        HttpLoginClient pushLogin = logins.passwordStep(cluster.a, pushUser);
        String number = ClusterLogins.number(pushLogin);
        String statusUrl = cluster.b.route().apply(ClusterLogins.statusUrl(pushLogin));

        cluster.a.kill();

        mailLogin.via(cluster.b.route()).submit("kc-email-otp-form", Map.of("emailCode", code));
        assertTrue(ClusterLogins.completed(mailLogin), "the email code mailed by A works on B: " + mailLogin.last().body());
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size(), "the challenge A made is still there on B");
        assertTrue(phone.approve(requests.get(0), number).value());
        assertTrue(get(statusUrl).contains("answered"), "the page's status check on B");
        pushLogin.via(cluster.b.route()).submit("kc-push-form", Map.of());
        assertTrue(ClusterLogins.completed(pushLogin), pushLogin.last().body());
        assertEquals(credentialsBefore, credentialCounts(mailUser, pushUser), "no credential lost or duplicated");

        cluster.a.start(cluster.postgres.jdbcUrl());
        try (Keycloak throughA = KeycloakCluster.admin(cluster.a)) {
            assertEquals(1, KeycloakCluster.realm(throughA).users().searchByUsername(pushUser, true).size(),
                    "node A is back, with the same data");
        }
    }

    @Test
    @Order(9)
    void whilePostgresIsDownRequestsFailClearlyAndAfterItTheyWork() throws Exception {
        TerminalApi terminal = new TerminalApi(cluster.b.url() + "/realms/" + KeycloakCluster.REALM);
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm, "ssh-gateway"));
        String user = TestUsers.create(realm, "cl-db", "example.org", true);
        HttpLoginClient browser = new HttpLoginClient().via(cluster.b.route());
        String realmUrl = KeycloakCluster.realmUrl();
        browser.get(new BrowserLogin(realmUrl, LoginDriver.APP, realmUrl + "/").authorizationUrl(Map.of()));
        cluster.postgres.down();
        try {
            TerminalApi.Reply start = terminal.start(gateway, "cl-db-unknown-" + System.nanoTime());
            System.out.println("CLUSTER database down: ssh-terminal/start answered HTTP " + start.status() + " " + start.body());
            assertTrue(start.status() >= 500, "HTTP " + start.status() + ": " + start.body());
            assertTrue(start.body().has("error") && !start.body().toString().contains("Exception"), start.body().toString());
            HttpResponse<String> login = browser.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
            System.out.println("CLUSTER database down: password step answered HTTP " + login.statusCode());
            assertTrue(login.statusCode() >= 500, "HTTP " + login.statusCode() + ": " + login.body());
            assertFalse(login.body().contains("Exception"), "no stack trace on the page");
        } finally {
            cluster.postgres.up();
        }
        int status = 0;
        for (int i = 0; i < 60 && status != 200; i++) {
            status = terminal.start(gateway, TestUsers.create(realm, "cl-db-back", "example.org", false, true)).status();
            if (status != 200) {
                Thread.sleep(1000);
            }
        }
        assertEquals(200, status, "requests succeed again once PostgreSQL is back");
        int before = logins.mailCount(user);
        HttpLoginClient again = logins.passwordStep(cluster.b, user);
        again.via(cluster.a.route()).submit("kc-email-otp-form", Map.of("emailCode", logins.mailedCode(user, before)));
        assertTrue(ClusterLogins.completed(again), "a whole login works again: HTTP " + again.last().statusCode() + " "
                + ClusterLogins.feedback(again.last().body()));
    }

    private Map<String, Integer> credentialCounts(String... users) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String user : users) {
            counts.put(user, realm.users().get(TestUsers.id(realm, user)).credentials().size());
        }
        return counts;
    }

    /** The page's long poll: Keycloak holds the status question until the phone answers; asked again at once. */
    private CompletableFuture<Long> waitLikeThePage(HttpLoginClient page, String statusUrl) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    String body = HTTP.send(HttpRequest.newBuilder(URI.create(statusUrl)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    if (body.contains("answered")) {
                        page.submit("kc-push-form", Map.of());
                        assertTrue(ClusterLogins.completed(page), page.last().body());
                        return System.nanoTime();
                    }
                }
                throw new AssertionError("never answered");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
