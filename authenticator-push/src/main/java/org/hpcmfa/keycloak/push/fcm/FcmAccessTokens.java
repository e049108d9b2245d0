package org.hpcmfa.keycloak.push.fcm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.SecretHash;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.util.JsonSerialization;

/**
 * OAuth access tokens for FCM from a service account (a self-signed RS256 JWT exchanged at the token URI, as
 * Google's client libraries do), shared by the cluster nodes through the single-use store until shortly before
 * they expire.
 */
final class FcmAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final SingleUseObjectProvider store;
    private final HttpClient http;

    FcmAccessTokens(SingleUseObjectProvider store, HttpClient http) {
        this.store = store;
        this.http = http;
    }

    String token(FcmServiceAccount account, String tokenUri) throws IOException, InterruptedException {
        String cacheKey = "hpc-push:fcm-token:" + SecretHash.hash(account.clientEmail() + "|" + tokenUri);
        Map<String, String> cached = store.get(cacheKey);
        if (cached != null) {
            return cached.get("token");
        }
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(account, tokenUri);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUri))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered HTTP " + response.statusCode());
        }
        Map<?, ?> body = JsonSerialization.readValue(response.body(), Map.class);
        if (!(body.get("access_token") instanceof String token)) {
            throw new IOException("token endpoint answered without access_token");
        }
        int expiresIn = body.get("expires_in") instanceof Number n ? n.intValue() : 3600;
        if (expiresIn > 120) {
            store.put(cacheKey, expiresIn - 60, Map.of("token", token));
        }
        return token;
    }

    static String assertion(FcmServiceAccount account, String tokenUri) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", tokenUri);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(JsonSerialization.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(account.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("signing the FCM token request failed", e);
        }
    }
}
