package org.hpcmfa.keycloak.it.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.keycloak.util.JsonSerialization;

/**
 * A local stand-in for Google's OAuth token endpoint and FCM HTTP v1: records what Keycloak sends and answers
 * 404 UNREGISTERED for the registration token {@link #GONE}, as FCM does for an uninstalled app.
 */
final class FakeFcm implements AutoCloseable {

    static final String GONE = "uninstalled-app-token";

    record Sent(String authorization, String path, JsonNode body) {
    }

    final List<Sent> messages = new CopyOnWriteArrayList<>();
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeFcm() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/", this::send);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A service-account JSON with a fresh key, whose token_uri is this server. */
    String serviceAccountJson() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return JsonSerialization.writeValueAsString(Map.of("type", "service_account", "project_id", "hpc-test",
                "client_email", "keycloak@hpc-test.iam.gserviceaccount.com", "private_key", pem,
                "token_uri", baseUrl() + "/token"));
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.add(read(exchange.getRequestBody()));
        respond(exchange, 200, "{\"access_token\":\"fake-access-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode body = JsonSerialization.readValue(read(exchange.getRequestBody()), JsonNode.class);
        messages.add(new Sent(exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestURI().getPath(), body));
        if (GONE.equals(body.path("message").path("token").asText())) {
            respond(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                    + "\"status\":\"NOT_FOUND\",\"details\":[{\"errorCode\":\"UNREGISTERED\"}]}}");
        } else {
            respond(exchange, 200, "{\"name\":\"projects/hpc-test/messages/1\"}");
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
