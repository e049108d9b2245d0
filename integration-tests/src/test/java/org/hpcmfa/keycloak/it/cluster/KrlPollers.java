package org.hpcmfa.keycloak.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Login nodes fetching the KRL as a cron job or timer would: each node every {@code period}, the nodes spread
 * evenly over the period, each request conditional on the ETag the node holds ({@code If-None-Match}), a
 * {@code 200} replacing it. Reports the answers and the Keycloak process's CPU over the window, next to its CPU
 * over an idle window of the same length (what the node costs with no polling at all) and over the same polling
 * of Keycloak's own realm endpoint ({@code GET /realms/{realm}}, a small JSON document): what any request at that
 * rate costs Keycloak, whatever it serves. A warm-up window, not measured, runs first, so the JIT has compiled
 * the request path before the clock starts.
 */
final class KrlPollers {

    private static final Duration WARM_UP = Duration.ofSeconds(20);

    record Result(int nodes, double seconds, int full, int notModified, int failed, String firstFailure,
            double cpuPercent, double idleCpuPercent, double realmEndpointCpuPercent) {
    }

    /** One polling window: answers counted, the server's CPU over it. */
    private record Window(double seconds, int full, int notModified, int failed, String firstFailure, double cpu) {
    }

    private final String krlUrl;
    private final String realmUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KrlPollers(String krlUrl, String realmUrl) {
        this.krlUrl = krlUrl;
        this.realmUrl = realmUrl;
    }

    Result run(int nodes, Duration period, Duration window, long serverPid) throws Exception {
        double idleCpu = cpuPercentOver(serverPid, window);
        poll(krlUrl, nodes, period, WARM_UP, serverPid);
        Window krl = poll(krlUrl, nodes, period, window, serverPid);
        poll(realmUrl, nodes, period, WARM_UP, serverPid);
        Window realm = poll(realmUrl, nodes, period, window, serverPid);
        int failed = krl.failed() + realm.failed();
        String firstFailure = krl.firstFailure() != null ? krl.firstFailure() : realm.firstFailure();
        return new Result(nodes, krl.seconds(), krl.full(), krl.notModified(), failed, firstFailure, krl.cpu(),
                idleCpu, realm.cpu());
    }

    private Window poll(String url, int nodes, Duration period, Duration window, long serverPid) throws Exception {
        String[] etags = new String[nodes];
        Arrays.fill(etags, fetch(url, null).headers().firstValue("ETag").orElse(null));
        AtomicInteger full = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(8);
        long spreadMillis = period.toMillis() / nodes;
        double cpuBefore = ProcessCpu.seconds(serverPid);
        long start = System.nanoTime();
        for (int n = 0; n < nodes; n++) {
            int node = n;
            timers.scheduleAtFixedRate(() -> {
                try {
                    HttpResponse<byte[]> answer = fetch(url, etags[node]);
                    if (answer.statusCode() == 304) {
                        notModified.incrementAndGet();
                    } else if (answer.statusCode() == 200) {
                        full.incrementAndGet();
                        etags[node] = answer.headers().firstValue("ETag").orElse(null);
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, "HTTP " + answer.statusCode() + " from " + url);
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
            }, node * spreadMillis, period.toMillis(), TimeUnit.MILLISECONDS);
        }
        Thread.sleep(window.toMillis());
        timers.shutdown(); // no further polls; those under way finish
        timers.awaitTermination(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessCpu.percentOfOneCore(ProcessCpu.seconds(serverPid) - cpuBefore, seconds);
        return new Window(seconds, full.get(), notModified.get(), failed.get(), firstFailure.get(), cpu);
    }

    private HttpResponse<byte[]> fetch(String url, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static double cpuPercentOver(long pid, Duration window) throws Exception {
        double before = ProcessCpu.seconds(pid);
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        return ProcessCpu.percentOfOneCore(ProcessCpu.seconds(pid) - before, (System.nanoTime() - start) / 1e9);
    }
}
