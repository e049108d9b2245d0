package org.hpcmfa.keycloak.it.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.emailotp.EmailCodeAdmin;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Complete logins (password, then TOTP, email code or push with the app simulator) on both nodes at once: each
 * login starts on one node and finishes on the other. Workers own their users, so no two logins of one user
 * overlap; TOTP users log in once each (Keycloak refuses a reused code).
 */
final class ClusterLoad {

    record Result(int logins, int errors, List<String> firstErrors, double seconds, List<Long> millis) {
        double throughput() {
            return logins / seconds;
        }

        long percentile(int p) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private final KeycloakCluster cluster;
    private final RealmResource realm;
    private final ClusterLogins logins;

    ClusterLoad(KeycloakCluster cluster, RealmResource realm) {
        this.cluster = cluster;
        this.realm = realm;
        this.logins = new ClusterLogins(cluster);
    }

    Result run(int total, int workers) throws Exception {
        EmailCodeAdmin.configure(realm, Map.of("max-mails-per-hour", "1000", "resend-cooldown-seconds", "0"));
        PushAdmin.configure(realm, Map.of("challenges-per-minute", "60"));
        PushAdmin.settings(realm, Map.of("max-polls-per-minute", "600"));
        List<Worker> prepared = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            prepared.add(prepare(w, total / workers + (w < total % workers ? 1 : 0)));
        }
        ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Worker worker : prepared) {
            futures.add(pool.submit(() -> worker.loop(millis, errors, done)));
        }
        for (Future<?> future : futures) {
            future.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        EmailCodeAdmin.configure(realm, Map.of());
        PushAdmin.configure(realm, Map.of());
        return new Result(done.get(), errors.size(), errors.stream().limit(5).toList(), seconds, new ArrayList<>(millis));
    }

    private Worker prepare(int index, int count) throws Exception {
        String mailUser = TestUsers.create(realm, "load-mail", "example.org", true);
        List<String> totpUsers = new ArrayList<>();
        for (int i = 0; i < count / 3 + 1; i++) {
            totpUsers.add(TestUsers.create(realm, "load-totp", "example.org", false, true));
        }
        List<String> pushUsers = new ArrayList<>();
        List<PrivacyIdeaApp> phones = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String user = TestUsers.create(realm, "load-push", "example.org", false);
            pushUsers.add(user);
            phones.add(PushEnrolment.enrol(realm, KeycloakCluster.realmUrl(), user, cluster.a.route()));
        }
        return new Worker(index, count, mailUser, totpUsers, pushUsers, phones);
    }

    private final class Worker {
        private final int index;
        private final int count;
        private final String mailUser;
        private final List<String> totpUsers;
        private final List<String> pushUsers;
        private final List<PrivacyIdeaApp> phones;

        Worker(int index, int count, String mailUser, List<String> totpUsers, List<String> pushUsers,
                List<PrivacyIdeaApp> phones) {
            this.index = index;
            this.count = count;
            this.mailUser = mailUser;
            this.totpUsers = totpUsers;
            this.pushUsers = pushUsers;
            this.phones = phones;
        }

        void loop(ConcurrentLinkedQueue<Long> millis, ConcurrentLinkedQueue<String> errors, AtomicInteger done) {
            int totp = 0;
            for (int i = 0; i < count; i++) {
                KeycloakNode first = (i + index) % 2 == 0 ? cluster.a : cluster.b;
                KeycloakNode second = first == cluster.a ? cluster.b : cluster.a;
                long start = System.nanoTime();
                try {
                    String kind = switch (i % 3) {
                        case 0 -> "TOTP";
                        case 1 -> "email code";
                        default -> "push";
                    };
                    HttpLoginClient browser = switch (i % 3) {
                        case 0 -> totp(first, second, totpUsers.get(totp++));
                        case 1 -> email(first, second);
                        default -> push(first, second, i / 3 % 2);
                    };
                    if (browser != null && ClusterLogins.completed(browser)) {
                        millis.add((System.nanoTime() - start) / 1_000_000);
                        done.incrementAndGet();
                    } else {
                        String page = browser == null ? "the phone saw no request" : "HTTP "
                                + browser.last().statusCode() + " " + ClusterLogins.feedback(browser.last().body());
                        errors.add(kind + " login " + i + " of worker " + index + " did not complete: " + page);
                    }
                } catch (Exception | AssertionError e) {
                    errors.add("login " + i + " of worker " + index + ": " + e);
                }
            }
        }

        private HttpLoginClient totp(KeycloakNode first, KeycloakNode second, String user) throws Exception {
            HttpLoginClient browser = logins.passwordStep(first, user);
            browser.via(second.route()).submit("kc-otp-login-form", Map.of("otp", TestUsers.totpNow()));
            return browser;
        }

        private HttpLoginClient email(KeycloakNode first, KeycloakNode second) throws Exception {
            int before = logins.mailCount(mailUser);
            HttpLoginClient browser = logins.passwordStep(first, mailUser);
            String code = logins.mailedCode(mailUser, before);
            browser.via(second.route()).submit("kc-email-otp-form", Map.of("emailCode", code));
            return browser;
        }

        private HttpLoginClient push(KeycloakNode first, KeycloakNode second, int which) throws Exception {
            HttpLoginClient browser = logins.passwordStep(first, pushUsers.get(which));
            String number = ClusterLogins.number(browser);
            PrivacyIdeaApp phone = phones.get(which).via(second.route());
            List<JsonNode> requests = phone.poll();
            if (requests.size() != 1 || !phone.approve(requests.get(0), number).value()) {
                return null;
            }
            browser.via(second.route()).submit("kc-push-form", Map.of());
            return browser;
        }
    }
}
