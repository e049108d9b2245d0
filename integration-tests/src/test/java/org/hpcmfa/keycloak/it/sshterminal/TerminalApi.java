package org.hpcmfa.keycloak.it.sshterminal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.util.JsonSerialization;

/** A login node's calls to /realms/{realm}/ssh-terminal, made directly (what hpc-mfa-terminal does in Python). */
public final class TerminalApi {

    public record Reply(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String realmUrl;

    public TerminalApi(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public static String secret(RealmResource realm, String clientId) {
        String id = realm.clients().findByClientId(clientId).get(0).getId();
        return realm.clients().get(id).getSecret().getValue();
    }

    /** A client-credentials access token of a confidential client. */
    public String gatewayToken(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("client_credentials",
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("client credentials of " + clientId + ": " + response.body());
        }
        return JsonSerialization.readValue(response.body(), JsonNode.class).get("access_token").asText();
    }

    public Reply start(String token, String username) throws Exception {
        return call(token, "start", Map.of("username", username, "remote_address", "192.0.2.10"));
    }

    public Reply finish(String token, String handle, String answer) throws Exception {
        return call(token, "finish", Map.of("handle", handle, "answer", answer));
    }

    public Reply call(String token, String endpoint, Map<String, String> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-terminal/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JsonSerialization.readValue("{}", JsonNode.class)
                : JsonSerialization.readValue(response.body(), JsonNode.class);
        return new Reply(response.statusCode(), json);
    }
}
