package org.hpcmfa.keycloak.it.passwordotp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * The realm's SSH CA asked for a certificate with a token of the CISM login: the CA requires a first and a second
 * factor among the session's completed steps, so it tells whether the session recorded the code.
 */
final class SshSigning {

    private final ManagedRealm realm;
    private List<String> allowedBefore;
    private List<String> minLoaBefore;

    SshSigning(ManagedRealm realm) {
        this.realm = realm;
    }

    private ComponentRepresentation ca() {
        return realm.admin().components().query(realm.getId(), "org.keycloak.keys.KeyProvider", "ssh-user-ca").get(0);
    }

    /**
     * Lets the client's tokens ask for certificates; level 1 (password) is enough for the acr check, so only the
     * session's second factor decides.
     */
    void allow(String clientId) {
        ComponentRepresentation ca = ca();
        allowedBefore = ca.getConfig().get("allowed-clients");
        minLoaBefore = ca.getConfig().get("mfa-min-loa");
        List<String> allowed = new ArrayList<>(allowedBefore);
        allowed.add(clientId);
        ca.getConfig().put("allowed-clients", allowed);
        ca.getConfig().put("mfa-min-loa", List.of("1"));
        realm.admin().components().component(ca.getId()).update(ca);
    }

    void restore() {
        ComponentRepresentation ca = ca();
        ca.getConfig().put("allowed-clients", allowedBefore);
        ca.getConfig().put("mfa-min-loa", minLoaBefore);
        realm.admin().components().component(ca.getId()).update(ca);
    }

    /** {@code POST ssh-ca/sign} for a fresh Ed25519 key; the JSON answer (certificate or error). */
    JsonNode sign(String accessToken) throws Exception {
        Path dir = Files.createTempDirectory("po-ssh");
        Path key = dir.resolve("id");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        if (keygen.waitFor() != 0) {
            throw new AssertionError("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
        String body = "{\"public_key\":\"" + Files.readString(dir.resolve("id.pub")).trim() + "\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/ssh-ca/sign"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonSerialization.readValue(answer.body(), JsonNode.class);
    }
}
