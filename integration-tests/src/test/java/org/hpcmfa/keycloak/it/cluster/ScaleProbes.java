package org.hpcmfa.keycloak.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.util.JsonSerialization;

/**
 * The scale bench's measurements against one node, each over HTTP as an admin, a login node or a person would
 * call it. Every sign and login uses a bulk user of its own (a TOTP code is accepted once per user).
 */
final class ScaleProbes {

    record Census(long millis, long users, long withoutFactor) {
    }

    record Krl(long bytes, long millis) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KeycloakNode node;
    private final Keycloak admin;
    private final ClusterLogins logins;
    private final String adminRealmUrl;
    private final String realmUrl;
    private final List<String> issuedSerials = new ArrayList<>();

    ScaleProbes(KeycloakCluster cluster, KeycloakNode node, Keycloak admin) {
        this.node = node;
        this.admin = admin;
        this.logins = new ClusterLogins(cluster);
        this.adminRealmUrl = node.url() + "/admin/realms/" + KeycloakCluster.REALM;
        this.realmUrl = node.url() + "/realms/" + KeycloakCluster.REALM;
    }

    /** Keycloak caches users it has read; rows written in SQL must not meet stale entries. */
    void clearUserCache() throws Exception {
        send(HttpRequest.newBuilder(URI.create(adminRealmUrl + "/clear-user-cache"))
                .POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** The census's REST call (first page of 100), the fastest of {@code rounds}. */
    Census census(int rounds) throws Exception {
        long best = Long.MAX_VALUE;
        JsonNode body = null;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(adminRealmUrl
                    + "/account-recovery/factors")).GET(), 200);
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
            body = JsonSerialization.readValue(answer.body(), JsonNode.class);
        }
        return new Census(best, body.get("users").asLong(), body.get("usersWithoutSecondFactor").asLong());
    }

    /** Heap in use after a full GC, in MB: what the node keeps, not the garbage a request left. */
    long heapAfterGcMb() throws Exception {
        return node.heapAfterGcBytes() / (1024 * 1024);
    }

    /**
     * Certificates issued through the terminal prompt (start, then finish with the TOTP code and a public key:
     * the code check, the signature and the record), timed at {@code finish}; milliseconds, sorted.
     */
    List<Long> signs(List<String> users, Path workDir) throws Exception {
        Path key = workDir.resolve("scale-key");
        if (!Files.exists(key)) {
            Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        }
        String publicKey = Files.readString(workDir.resolve("scale-key.pub")).trim();
        TerminalApi terminal = new TerminalApi(realmUrl);
        String gateway = terminal.gatewayToken("ssh-gateway",
                TerminalApi.secret(KeycloakCluster.realm(admin), "ssh-gateway"));
        List<Long> millis = new ArrayList<>();
        for (String user : users) {
            String handle = terminal.start(gateway, user).text("handle");
            long start = System.nanoTime();
            TerminalApi.Reply done = terminal.call(gateway, "finish", Map.of("handle", handle,
                    "answer", TestUsers.totpNow(), "public_key", publicKey));
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (done.status() != 200) {
                throw new IllegalStateException("sign for " + user + ": HTTP " + done.status() + " " + done.body());
            }
            issuedSerials.add(done.text("serial"));
        }
        Collections.sort(millis);
        return millis;
    }

    /**
     * Revokes one certificate the bench had issued, through the admin API, so whatever the node keeps about the
     * KRL hears of a change as it would in production, then times the first unconditional KRL fetch.
     */
    Krl krlAfterRevocation() throws Exception {
        String serial = issuedSerials.remove(issuedSerials.size() - 1);
        send(HttpRequest.newBuilder(URI.create(adminRealmUrl + "/ssh-ca/revoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"serial\":\"" + serial + "\"}")), 200);
        long start = System.nanoTime();
        HttpResponse<byte[]> krl = HTTP.send(HttpRequest.newBuilder(URI.create(krlUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (krl.statusCode() != 200) {
            throw new IllegalStateException("KRL: HTTP " + krl.statusCode());
        }
        return new Krl(krl.body().length, millis);
    }

    String krlUrl() {
        return realmUrl + "/ssh-ca/krl";
    }

    /** Keycloak's own public realm endpoint: the baseline of what a request costs. */
    String realmUrl() {
        return realmUrl;
    }

    /** Password then TOTP in the research app's browser flow, over HTTP; milliseconds, sorted. */
    List<Long> logins(List<String> users) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (String user : users) {
            long start = System.nanoTime();
            HttpLoginClient browser = logins.passwordStep(node, user);
            browser.submit("kc-otp-login-form", Map.of("otp", TestUsers.totpNow()));
            if (!ClusterLogins.completed(browser)) {
                throw new IllegalStateException("login of " + user + ": HTTP " + browser.last().statusCode() + " "
                        + ClusterLogins.feedback(browser.last().body()));
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        return millis;
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(request.header("Authorization", "Bearer "
                + admin.tokenManager().getAccessTokenString()).timeout(Duration.ofMinutes(6)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri() + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer;
    }
}
