package org.hpcmfa.keycloak.it.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An SMS provider on the test's loopback: records every request Keycloak makes (method, path, headers, body) and
 * answers with the status the test chooses, with a Twilio-like error body for failures.
 */
public final class FakeSmsGateway implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("(?<![0-9+])([0-9]{6,8})(?![0-9])");

    public record Request(String method, String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as text a person would read (form bodies decoded). */
        String decodedBody() {
            String type = header("Content-Type");
            return type != null && type.contains("x-www-form-urlencoded") ? URLDecoder.decode(body, StandardCharsets.UTF_8) : body;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile int status = 200;

    private FakeSmsGateway(HttpServer server) {
        this.server = server;
    }

    public static FakeSmsGateway start() throws IOException {
        FakeSmsGateway gateway = new FakeSmsGateway(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        gateway.server.createContext("/", gateway::handle);
        gateway.server.start();
        return gateway;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The HTTP status of the next answers: 200 (the default), 201, 503... */
    void answer(int newStatus) {
        status = newStatus;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose body names {@code phone}. */
    public synchronized List<Request> to(String phone) {
        return requests.stream().filter(r -> r.decodedBody().contains(phone)).toList();
    }

    /** The code in the newest text to {@code phone}. */
    public String lastCodeTo(String phone) {
        List<Request> texts = to(phone);
        if (texts.isEmpty()) {
            throw new AssertionError("no SMS to " + phone + " among " + requests());
        }
        Matcher m = CODE.matcher(texts.get(texts.size() - 1).decodedBody().replace(phone, ""));
        if (!m.find()) {
            throw new AssertionError("no code in " + texts.get(texts.size() - 1));
        }
        return m.group(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        }
        int answer = status;
        byte[] reply = (answer < 300 ? "{\"sid\": \"SM0001\", \"status\": \"queued\"}"
                : "{\"code\": 30003, \"message\": \"Unreachable destination handset\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
