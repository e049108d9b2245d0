package org.hpcmfa.keycloak.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Login nodes fetching the KRL as a cron job or timer would: each node every {@code period}, the nodes spread
 * evenly over the period, each request conditional on the ETag the node holds ({@code If-None-Match}), a
 * {@code 200} replacing it. Reports the answers and the Keycloak process's CPU over the window, next to its CPU
 * over an idle window of the same length (what the node costs with no polling at all).
 */
final class KrlPollers {

    record Result(int nodes, double seconds, int full, int notModified, int failed, String firstFailure,
            double cpuPercent, double idleCpuPercent) {
    }

    private final String krlUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KrlPollers(String krlUrl) {
        this.krlUrl = krlUrl;
    }

    Result run(int nodes, Duration period, Duration window, long serverPid) throws Exception {
        double idleCpu = cpuPercentOver(serverPid, window);
        String[] etags = new String[nodes];
        String first = fetch(null).headers().firstValue("ETag").orElse(null);
        java.util.Arrays.fill(etags, first);
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
                    HttpResponse<byte[]> answer = fetch(etags[node]);
                    if (answer.statusCode() == 304) {
                        notModified.incrementAndGet();
                    } else if (answer.statusCode() == 200) {
                        full.incrementAndGet();
                        etags[node] = answer.headers().firstValue("ETag").orElse(null);
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, "HTTP " + answer.statusCode());
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
        return new Result(nodes, seconds, full.get(), notModified.get(), failed.get(), firstFailure.get(), cpu, idleCpu);
    }

    private HttpResponse<byte[]> fetch(String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(krlUrl)).timeout(Duration.ofSeconds(30)).GET();
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
