package org.hpcmfa.keycloak.it.accountapi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The terminal {@code mfa} command as the server sees it: a token from the realm's {@code mfa-cli} client (direct
 * grant: username, password and the TOTP code when the person has one) and JSON calls with it as bearer.
 */
final class AccountApiClient {

    static final String ACCOUNT = "/hpc-mfa-account";
    static final String REMOVAL = "/hpc-mfa-removal";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText(null);
        }

        String error() {
            return text("error");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;

    AccountApiClient(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** The access token of {@code mfa login} at the terminal; {@code totp} null for a person without TOTP. */
    String signIn(String username, String password, String totp) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "mfa-cli");
        form.put("username", username);
        form.put("password", password);
        if (totp != null) {
            form.put("otp", totp); // the field the mfa command sends, as Keycloak's OTP step reads first
        }
        Reply reply = form("/protocol/openid-connect/token", form);
        if (reply.status() != 200) {
            throw new AssertionError("sign-in of " + username + ": " + reply.status() + " " + reply.body());
        }
        return reply.text("access_token");
    }

    Reply form(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(realmUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + path)).GET();
        return send(bearer(request, token));
    }

    Reply post(String token, String path, Object body) throws Exception {
        String raw = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(raw));
        return send(bearer(request, token));
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception notJson) {
            json = JSON.createObjectNode().put("raw", body);
        }
        return new Reply(response.statusCode(), json);
    }
}
