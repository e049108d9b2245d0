package org.hpcmfa.keycloak.it.push;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/**
 * The privacyIDEA Authenticator app, as the test's phone: written from the wire specification
 * (shared/reference/privacyidea-push-protocol.md), independently of the server code. It parses the enrolment
 * URI, makes its own RSA-4096 key, rolls out, polls with signed timestamps, verifies every payload the way the
 * app does, and answers with signatures.
 */
public final class PrivacyIdeaApp {

    /** A response of the push endpoint: HTTP status and JSON body. */
    public record Reply(int status, JsonNode body) {
        public boolean value() {
            return body.path("result").path("value").asBoolean(false);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private UnaryOperator<String> route = UnaryOperator.identity();
    private final Map<String, String> qr;
    private final String label;
    private final KeyPair keyPair;
    private RSAPublicKey serverKey;

    private PrivacyIdeaApp(String label, Map<String, String> qr, KeyPair keyPair) {
        this.label = label;
        this.qr = qr;
        this.keyPair = keyPair;
    }

    /** "Scans" the QR code: the {@code otpauth://pipush/...} URI, checked as the app checks it. */
    public static PrivacyIdeaApp scan(String uri) throws Exception {
        if (!uri.startsWith("otpauth://pipush/")) {
            throw new AssertionError("not a push enrolment URI: " + uri);
        }
        int q = uri.indexOf('?');
        String label = URLDecoder.decode(uri.substring("otpauth://pipush/".length(), q), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        require("1".equals(params.get("v")), "v must be 1: " + uri);
        require(params.get("serial") != null && params.get("serial").matches("[A-Z0-9]+"), "serial: " + uri);
        require(params.get("url") != null && params.get("url").matches("https?://[^/]+/.*"), "url: " + uri);
        require(params.get("enrollment_credential") != null, "enrollment_credential: " + uri);
        require(Integer.parseInt(params.get("ttl")) > 0, "ttl: " + uri);
        require(List.of("0", "1").contains(params.get("sslverify")), "sslverify: " + uri);
        require(List.of("True", "False").contains(params.get("poll_only")), "poll_only: " + uri);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(4096);
        return new PrivacyIdeaApp(label, params, generator.generateKeyPair());
    }

    /** The phone reaches the server through {@code route} (the cluster tests pick a node). */
    public PrivacyIdeaApp via(UnaryOperator<String> route) {
        this.route = route;
        return this;
    }

    public String serial() {
        return qr.get("serial");
    }

    public String url() {
        return qr.get("url");
    }

    public String label() {
        return label;
    }

    public Map<String, String> qr() {
        return qr;
    }

    /** Step 2 of the enrolment, poll-only: the server's key comes back as PKCS#1 base64. */
    public Reply rollout() throws Exception {
        return rollout(qr.get("enrollment_credential"), "no_firebase_token");
    }

    public Reply rollout(String enrollmentCredential, String firebaseToken) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("enrollment_credential", enrollmentCredential);
        form.put("serial", serial());
        form.put("fbtoken", firebaseToken);
        form.put("pubkey", Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded()));
        form.put("capabilities", "[\"decline_reason\"]");
        Reply reply = post(route.apply(url()), form);
        if (reply.status() == 200 && reply.body().path("result").path("status").asBoolean()) {
            serverKey = parsePkcs1(reply.body().path("detail").path("public_key").asText());
        }
        return reply;
    }

    public RSAPublicKey serverKey() {
        return serverKey;
    }

    /** Polls now, with a Dart-style UTC timestamp; every returned payload is checked as the app checks it. */
    public List<JsonNode> poll() throws Exception {
        Reply reply = pollAt(Instant.now());
        if (reply.status() != 200) {
            throw new AssertionError("poll answered HTTP " + reply.status() + ": " + reply.body());
        }
        List<JsonNode> requests = new ArrayList<>();
        for (JsonNode payload : reply.body().path("result").path("value")) {
            verifyPayload(payload);
            requests.add(payload);
        }
        return requests;
    }

    public Reply pollAt(Instant when) throws Exception {
        String timestamp = dartTimestamp(when);
        return pollRaw(timestamp, sign(serial() + "|" + timestamp));
    }

    public Reply pollRaw(String timestamp, String signature) throws Exception {
        String query = "serial=" + enc(serial()) + "&timestamp=" + enc(timestamp) + "&signature=" + enc(signature);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(route.apply(url()) + "?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JsonSerialization.readValue(response.body(), JsonNode.class));
    }

    /** Approves; {@code presenceAnswer} is the number the user taps (null without number matching). */
    public Reply approve(JsonNode payload, String presenceAnswer) throws Exception {
        String nonce = payload.path("nonce").asText();
        String message = nonce + "|" + serial() + (presenceAnswer == null ? "" : "|" + presenceAnswer);
        Map<String, String> form = answerForm(nonce, sign(message));
        if (presenceAnswer != null) {
            form.put("presence_answer", presenceAnswer);
        }
        return post(route.apply(payload.path("url").asText()), form);
    }

    /**
     * Code-to-phone (privacyIDEA 3.13, app 4.7): what the app's dialog shows after an accept, read from the answer
     * as the app reads it (spec 6.4): the reply must be privacyIDEA's envelope with a boolean {@code result.status}
     * and {@code result.value}; {@code detail.display_code} is then shown, with {@code detail.message} as its text.
     * Null when the reply carries no code.
     */
    public static String displayCode(Reply reply) {
        require(reply.body() != null && reply.body().path("result").path("status").isBoolean(),
                "the app needs result.status as a boolean: " + reply.body());
        require(reply.body().path("result").path("value").isBoolean(), "the app needs result.value as a boolean: "
                + reply.body());
        JsonNode code = reply.body().path("detail").path("display_code");
        if (!code.isTextual()) {
            return null;
        }
        require(reply.body().path("detail").path("message").isTextual(), "the code comes with a message: " + reply.body());
        return code.asText();
    }

    /** Declines, with reason {@code unknown_trigger} ("not me"), {@code cancelled}, or none (older apps). */
    public Reply decline(JsonNode payload, String reason) throws Exception {
        String nonce = payload.path("nonce").asText();
        String message = nonce + "|" + serial() + "|decline" + (reason == null ? "" : "|" + reason);
        Map<String, String> form = answerForm(nonce, sign(message));
        form.put("decline", "1");
        if (reason != null) {
            form.put("decline_reason", reason);
        }
        return post(route.apply(payload.path("url").asText()), form);
    }

    public Map<String, String> answerForm(String nonce, String signature) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("serial", serial());
        form.put("nonce", nonce);
        form.put("signature", signature);
        return form;
    }

    /** The app's check of a payload (spec 5.2, 5.3, 5.5): string fields, the server signature, capabilities. */
    void verifyPayload(JsonNode payload) throws Exception {
        for (String key : List.of("title", "question", "url", "nonce", "sslverify", "serial", "signature")) {
            require(payload.path(key).isTextual(), key + " must be a string: " + payload);
        }
        require(payload.path("nonce").asText().matches("[A-Z2-7]{32}"), "nonce: " + payload);
        String signed = String.join("|", payload.path("nonce").asText(), payload.path("url").asText(),
                payload.path("serial").asText(), payload.path("question").asText(), payload.path("title").asText(),
                "1".equals(payload.path("sslverify").asText()) ? "1" : "0");
        if (payload.has("require_presence")) {
            signed += "|" + payload.path("require_presence").asText();
        }
        require(verify(serverKey, signed, payload.path("signature").asText()), "server signature invalid: " + payload);
        if (payload.has("capabilities")) {
            JsonNode caps = payload.path("capabilities").isTextual()
                    ? JsonSerialization.readValue(payload.path("capabilities").asText(), JsonNode.class)
                    : payload.path("capabilities");
            String jcs = "{\"capabilities\":" + JsonSerialization.writeValueAsString(caps) + ",\"nonce\":\""
                    + payload.path("nonce").asText() + "\"}";
            require(verify(serverKey, jcs, payload.path("capabilities_signature").asText()),
                    "capabilities signature invalid: " + payload);
        }
    }

    public String sign(String message) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keyPair.getPrivate());
        signature.update(message.getBytes(StandardCharsets.UTF_8));
        return Base32.encode(signature.sign());
    }

    static boolean verify(RSAPublicKey key, String message, String base32) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(message.getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base32.decode(base32));
    }

    /** Dart's {@code DateTime.now().toUtc().toIso8601String()}: milliseconds always, microseconds if non-zero. */
    static String dartTimestamp(Instant when) {
        int micros = when.getNano() / 1000;
        String pattern = micros % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'";
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(when);
    }

    /** The app's parser: strip newlines, base64, DER SEQUENCE { INTEGER n, INTEGER e } and nothing else. */
    static RSAPublicKey parsePkcs1(String base64) throws Exception {
        byte[] der = Base64.getDecoder().decode(base64.replace("\n", ""));
        int[] pos = {0};
        require(der[pos[0]++] == 0x30, "PKCS#1 key must start with a SEQUENCE");
        derLength(der, pos);
        BigInteger n = derInteger(der, pos);
        BigInteger e = derInteger(der, pos);
        require(pos[0] == der.length, "trailing bytes after the PKCS#1 key");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static BigInteger derInteger(byte[] der, int[] pos) {
        require(der[pos[0]++] == 0x02, "expected an INTEGER");
        int length = derLength(der, pos);
        byte[] value = java.util.Arrays.copyOfRange(der, pos[0], pos[0] + length);
        pos[0] += length;
        return new BigInteger(value);
    }

    private static int derLength(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    public static Reply post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "privacyIDEA-App/4.8.0 Android/14")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JsonSerialization.readValue(response.body(), JsonNode.class);
        return new Reply(response.statusCode(), json);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
