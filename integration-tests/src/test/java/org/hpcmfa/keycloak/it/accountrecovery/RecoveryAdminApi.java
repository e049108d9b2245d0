package org.hpcmfa.keycloak.it.accountrecovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/** The pack's admin REST endpoints for account recovery (lost phone, census), called as kcadm.sh or curl would. */
final class RecoveryAdminApi {

    record Reply(int status, JsonNode body) {
    }

    private final String adminRealmUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    RecoveryAdminApi(String serverUrl, String realm) {
        this.adminRealmUrl = serverUrl + "/admin/realms/" + realm + "/account-recovery";
    }

    Reply lostPhone(String bearer, String userId, boolean email) throws Exception {
        return send(bearer, "POST", "/users/" + userId + "/lost-phone?email=" + email);
    }

    Reply factors(String bearer) throws Exception {
        return send(bearer, "GET", "/factors");
    }

    /** The census with a raw query string, e.g. {@code first=0&max=2}, as a script would write it. */
    Reply factors(String bearer, String query) throws Exception {
        return send(bearer, "GET", "/factors?" + query);
    }

    private Reply send(String bearer, String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminRealmUrl + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? null : JsonSerialization.readValue(response.body(), JsonNode.class);
        return new Reply(response.statusCode(), body);
    }
}
