package org.hpcmfa.keycloak.it.registrationtoken;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/** The pack's admin REST endpoints for registration tokens, called as kcadm.sh or curl would. */
public final class TokenAdminApi {

    public record Reply(int status, JsonNode body) {
    }

    private final String adminRealmUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public TokenAdminApi(String serverUrl, String realm) {
        this.adminRealmUrl = serverUrl + "/admin/realms/" + realm + "/registration-tokens";
    }

    public Reply issue(String bearer, String userId, boolean email) throws Exception {
        return send(bearer, "POST", "/users/" + userId + "?email=" + email);
    }

    public Reply status(String bearer, String userId) throws Exception {
        return send(bearer, "GET", "/users/" + userId);
    }

    public Reply issueForGroup(String bearer, String groupId) throws Exception {
        return send(bearer, "POST", "/groups/" + groupId);
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
