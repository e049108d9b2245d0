package org.hpcmfa.keycloak.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak 26.5.6 node in production mode ({@code kc.sh start --optimized}) with the pack, its own HTTP,
 * management and JGroups ports on loopback, clustered through the shared database (JGroups JDBC_PING).
 * All nodes share one hostname (node A's address, standing in for the load balancer), so tokens and URLs
 * are the same whichever node made them; {@link #route} sends a request to this node instead.
 */
final class KeycloakNode {

    private static final int READY_SECONDS = 420;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    final String name;
    final int httpPort;
    final int managementPort;
    final int jgroupsPort;
    private final Path home;
    private final Path log;
    private final List<String> options;
    private Process process;

    /** {@code options}: server options this cluster's nodes start with beyond the common ones. */
    KeycloakNode(String name, Path home, int index, List<String> options) {
        this.name = name;
        this.home = home;
        this.options = List.copyOf(options);
        this.httpPort = 18080 + index;
        this.managementPort = 19000 + index;
        this.jgroupsPort = 17800 + index;
        this.log = home.resolve("node-" + name + ".log");
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Rewrites a URL Keycloak produced (under the shared hostname) to reach this node. */
    UnaryOperator<String> route() {
        return url -> url.replace(KeycloakCluster.HOSTNAME, url());
    }

    void start(String jdbcUrl) throws Exception {
        for (int port : new int[] {httpPort, managementPort}) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                free.setReuseAddress(true);
            } catch (java.io.IOException inUse) {
                throw new IllegalStateException("port " + port + " of node " + name + " is in use: another Keycloak?");
            }
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--hostname=" + KeycloakCluster.HOSTNAME,
                "--db-url=" + jdbcUrl, "--db-username=postgres", "--db-password=unused-trust-auth",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort,
                "--log-level=INFO,org.hpcmfa:DEBUG"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx768m"));
        process = builder.start();
        // A node needs 30-60 s on 2 idle cores; a loaded machine (other builds) needs far more, as the main server does.
        for (int i = 0; i < 2 * READY_SECONDS; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited: " + tail());
            }
            if (ready()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + name + " not ready in " + READY_SECONDS + " s: " + tail());
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** SIGKILL to the JVM: no shutdown hook, no cache hand-over, as when a machine dies. */
    void kill() throws Exception {
        ProcessHandle java = java();
        java.destroyForcibly();
        java.onExit().get(30, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** kc.sh runs the JVM as its child (and forwards SIGTERM to it); signals and jcmd must reach the JVM itself. */
    private ProcessHandle java() {
        return process.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Heap in use, from the node's own metrics (after asking for a GC would need JMX; this is the live figure). */
    long heapUsedBytes() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(metrics);
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** A full GC first (jcmd), so before/after figures compare live data, not garbage. */
    long heapAfterGcBytes() throws Exception {
        // The node's own JDK's jcmd: attaching across JDK builds fails.
        ProcessHandle jvm = java();
        Path jcmd = Path.of(jvm.info().command().orElse("java")).resolveSibling("jcmd");
        Processes.run(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(jvm.pid()), "GC.run"));
        return heapUsedBytes();
    }

    long pid() {
        return java().pid();
    }

    String tail() throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
