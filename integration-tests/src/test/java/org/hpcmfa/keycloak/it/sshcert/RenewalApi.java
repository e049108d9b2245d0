package org.hpcmfa.keycloak.it.sshcert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/** {@code ssh-ca/renew/start|finish} and the refresh-token grant, as hpc-ssh-cert calls them. */
final class RenewalApi {

    private final String realmUrl;
    private final DeviceLogin device;
    private final HttpClient http = HttpClient.newHttpClient();

    RenewalApi(String realmUrl) {
        this.realmUrl = realmUrl;
        this.device = new DeviceLogin(realmUrl);
    }

    /** A fresh access token of the session behind {@code refreshToken} (its answer: the new refresh token too). */
    JsonNode refresh(String refreshToken) throws Exception {
        DeviceLogin.Reply reply = device.post("/protocol/openid-connect/token", Map.of("grant_type", "refresh_token",
                "client_id", "ssh-cli", "refresh_token", refreshToken));
        if (reply.status() != 200) {
            throw new AssertionError("refresh refused: " + reply.body());
        }
        return reply.body();
    }

    DeviceLogin.Reply start(String bearer, String publicKey, String proofJson) throws Exception {
        return post("start", bearer, RegisteredKeysApi.signBody(publicKey, proofJson));
    }

    DeviceLogin.Reply finish(String bearer, String handle, String answer, int waitSeconds) throws Exception {
        return post("finish", bearer, JsonSerialization.writeValueAsString(Map.of("handle", handle, "answer", answer,
                "wait", waitSeconds)));
    }

    private DeviceLogin.Reply post(String step, String bearer, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/renew/" + step))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new DeviceLogin.Reply(r.statusCode(), JsonSerialization.readValue(r.body(), JsonNode.class));
    }
}
