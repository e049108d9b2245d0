import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo's fake SMS gateway (run by demo.sh, and by docker/compose.yaml's sms-sink service): the demo realm's SMS
 * webhook posts {"to": "+32...", "text": "..."} to http://localhost:8026/sms; every text is printed like the mail
 * sink prints mails and listed on http://localhost:8026/. Nothing leaves the machine. JDK only, no dependency.
 *
 * Usage: java DemoSmsSink.java [PORT]
 */
public class DemoSmsSink {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Pattern FIELD = Pattern.compile("\"(to|text)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sms(int number, String time, String to, String text) {
    }

    private final List<Sms> texts = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8026;
        DemoSmsSink sink = new DemoSmsSink();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/sms", sink::receive);
        server.createContext("/", sink::list);
        server.start();
        System.out.println("[sms] fake SMS gateway on http://localhost:" + port + "/sms; texts listed on http://localhost:" + port + "/");
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String to = "?";
        String text = body;
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (m.group(1).equals("to")) {
                to = value;
            } else {
                text = value;
            }
        }
        Sms sms;
        synchronized (this) {
            sms = new Sms(texts.size() + 1, LocalTime.now().format(TIME), to, text);
            texts.add(sms);
        }
        System.out.printf("%n[sms #%d %s] to %s:%n[sms #%d]   %s%n", sms.number(), sms.time(), sms.to(), sms.number(), sms.text());
        reply(exchange, 200, "application/json", "{\"id\": \"demo-" + sms.number() + "\", \"status\": \"delivered\"}");
    }

    private void list(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><meta http-equiv=refresh "
                + "content=5><title>Demo SMS</title></head><body style=\"font-family:sans-serif;margin:2em\">"
                + "<h1>Text messages sent by the demo Keycloak</h1>");
        synchronized (this) {
            if (texts.isEmpty()) {
                html.append("<p>No text yet. This page refreshes itself.</p>");
            }
            for (int i = texts.size() - 1; i >= 0; i--) {
                Sms sms = texts.get(i);
                html.append("<p><b>#").append(sms.number()).append("</b> ").append(sms.time()).append(" to ")
                        .append(escape(sms.to())).append(": ").append(escape(sms.text())).append("</p>");
            }
        }
        reply(exchange, 200, "text/html; charset=utf-8", html.append("</body></html>").toString());
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
