package org.hpcmfa.keycloak.it.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The login-address allow-list as a login node's firewall reads it behind the load balancer (the demo realm's
 * firewall-sync client, its service account holding the firewall role). An address stays on the list for the
 * realm's days after its last two-factor login; rows that old are written straight into PostgreSQL, since no login
 * can happen in the past.
 */
final class ClusterAllowlist {

    static final String RECENT = "198.51.100.7";
    static final String TOO_OLD = "198.51.100.8";
    /** The demo realm's "Allowed for (days)". */
    static final int DAYS = 90;

    private static final long DAY = 86_400;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String realmId;

    ClusterAllowlist(String realmId) {
        this.realmId = realmId;
    }

    /** One address last used yesterday, one last used a day past the window, for the user. */
    void writeAddresses(String userId) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        ClusterPurge.sql("INSERT INTO hpc_login_address (id, realm_id, user_id, address, first_seen, last_seen, source) "
                + "VALUES " + row(1, userId, RECENT, now - 2 * DAY, now - DAY) + ", "
                + row(2, userId, TOO_OLD, now - (DAYS + 30) * DAY, now - (DAYS + 1) * DAY));
    }

    private String row(int n, String userId, String address, long firstSeen, long lastSeen) {
        return "('a11e0000-0000-4000-8000-00000000000" + n + "', '" + realmId + "', '" + userId + "', '" + address
                + "', " + firstSeen + ", " + lastSeen + ", 'browser')";
    }

    /** {@code GET login-addresses/firewall.txt} on one node, with a token the firewall client got from that node. */
    static List<String> firewallList(KeycloakNode node) throws Exception {
        String realmUrl = node.url() + "/realms/" + KeycloakCluster.REALM;
        String form = "grant_type=client_credentials&client_id=firewall-sync&client_secret="
                + URLEncoder.encode("firewall-sync-demo-secret", StandardCharsets.UTF_8);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new AssertionError("node " + node.name + ": no token for the firewall client: " + token.body());
        }
        String accessToken = new ObjectMapper().readTree(token.body()).path("access_token").asText();
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl
                + "/login-addresses/firewall.txt")).header("Authorization", "Bearer " + accessToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new AssertionError("node " + node.name + ": the firewall list answered " + list.statusCode() + ": "
                    + list.body());
        }
        return list.body().lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
