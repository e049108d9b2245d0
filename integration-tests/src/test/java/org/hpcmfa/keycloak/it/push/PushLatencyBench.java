package org.hpcmfa.keycloak.it.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Push benchmarks on the real server, run by bench/push-latency-and-poll.sh; not part of the suite.
 * 1. Approve-to-login latency: the login page's behaviour (a long-polled status check that Keycloak holds until the
 *    phone answers, then submit) against the simulated app's approval at a random moment, interleaved with the
 *    former behaviour (ask every 400 ms); p50/p95 of each over the rounds.
 * 2. Poll throughput with the stored signed payload against signing on every poll (privacyIDEA's way),
 *    interleaved batches in one run, as a ratio.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PushLatencyBench {

    private static final int LOGINS = Integer.getInteger("bench.logins", 60);
    private static final int POLLS = Integer.getInteger("bench.polls", 200);
    private static final Pattern STATUS_URL = Pattern.compile("data-status-url=\"([^\"]+)\"");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @Test
    void approveToLoginAndPollCost() throws Exception {
        PushAdmin.allowFastRetries(realm.admin());
        PushAdmin.configure(realm.admin(), Map.of("number-matching", "false", "challenges-per-minute", "60"));
        String user = TestUsers.create(realm.admin(), "push-bench", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        PushAdmin.settings(realm.admin(), Map.of("max-polls-per-minute", "600"));
        Random random = new Random(7);
        HttpClient http = HttpClient.newHttpClient();
        // Interleaved, so both see the same machine: even rounds as the page now waits (the status check held by
        // Keycloak until the answer, asked again at once), odd rounds as it used to (wait=0, ask every 400 ms).
        List<Long> held = new ArrayList<>();
        List<Long> heldSeen = new ArrayList<>();
        List<Long> polled = new ArrayList<>();
        for (int i = 0; i < 2 * LOGINS; i++) {
            boolean longPoll = i % 2 == 0;
            HttpLoginClient page = new HttpLoginClient();
            page.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
            page.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
            PushEnrolment.follow(page, realm);
            Matcher status = STATUS_URL.matcher(page.last().body());
            assertTrue(status.find(), page.last().body());
            String pageUrl = status.group(1).replace("&amp;", "&");
            assertTrue(pageUrl.matches(".*&wait=[1-9]\\d*$"), "the page's status check waits: " + pageUrl);
            String statusUrl = longPoll ? pageUrl : pageUrl.replaceAll("&wait=\\d+$", "&wait=0");
            long[] seenAt = new long[1];
            CompletableFuture<Long> completed = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        String body = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        if (body.contains("answered")) {
                            seenAt[0] = System.nanoTime();
                            page.submit("kc-push-form", Map.of());
                            assertTrue(page.location().contains("code="));
                            return System.nanoTime();
                        }
                        if (!longPoll) {
                            Thread.sleep(400);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(random.nextInt(1000));
            JsonNode request = app.poll().get(0);
            long approvedAt = System.nanoTime();
            assertTrue(app.approve(request, null).value());
            long done = completed.get();
            (longPoll ? held : polled).add((done - approvedAt) / 1_000_000);
            if (longPoll) {
                heldSeen.add((seenAt[0] - approvedAt) / 1_000_000);
            }
        }
        System.out.println("BENCH approve-to-login latency, long-polled status (the page now), " + LOGINS + " logins: p50 "
                + percentile(held, 50) + " ms, p95 " + percentile(held, 95) + " ms, max " + percentile(held, 100)
                + " ms; of which approve-to-status-answer p50 " + percentile(heldSeen, 50) + " ms, p95 "
                + percentile(heldSeen, 95) + " ms");
        System.out.println("BENCH approve-to-login latency, 400 ms polling (before), same run interleaved, " + LOGINS
                + " logins: p50 " + percentile(polled, 50) + " ms, p95 " + percentile(polled, 95) + " ms, max "
                + percentile(polled, 100) + " ms");

        // Poll cost: one open challenge (another user: the first has spent its requests per minute);
        // batches alternate between the stored payload and signing every poll.
        String poller = TestUsers.create(realm.admin(), "push-bench-poll", "example.org", false);
        app = PushEnrolment.enrol(realm, poller);
        HttpLoginClient waiting = new HttpLoginClient();
        waiting.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        waiting.submit("kc-form-login", Map.of("username", poller, "password", TestUsers.PASSWORD));
        assertEquals(1, app.poll().size(), "an open challenge to poll");
        long cachedNanos = 0;
        long resignNanos = 0;
        int perBatch = 50;
        for (int batch = 0; batch < 2 * POLLS / perBatch; batch++) {
            boolean resign = batch % 2 == 1;
            signEveryPoll(resign);
            // The phone's signatures are made before the clock starts: only the server's work is timed.
            List<String[]> signed = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                String timestamp = PrivacyIdeaApp.dartTimestamp(Instant.now().plusMillis(i));
                signed.add(new String[] {timestamp, app.sign(app.serial() + "|" + timestamp)});
            }
            long start = System.nanoTime();
            for (String[] poll : signed) {
                PrivacyIdeaApp.Reply reply = app.pollRaw(poll[0], poll[1]);
                assertEquals(1, reply.body().path("result").path("value").size(), String.valueOf(reply.body()));
            }
            long elapsed = System.nanoTime() - start;
            if (resign) {
                resignNanos += elapsed;
            } else {
                cachedNanos += elapsed;
            }
        }
        signEveryPoll(false);
        double cachedPerSecond = POLLS / (cachedNanos / 1e9);
        double resignPerSecond = POLLS / (resignNanos / 1e9);
        System.out.printf("BENCH poll throughput over %d polls each, sequential: stored payload %.0f/s, signing every poll %.0f/s, ratio %.2f%n",
                POLLS, cachedPerSecond, resignPerSecond, cachedPerSecond / resignPerSecond);
    }

    private void signEveryPoll(boolean on) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new java.util.HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put("hpc-push.sign-every-poll", String.valueOf(on));
        rep.setAttributes(attributes);
        realm.admin().update(rep);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
