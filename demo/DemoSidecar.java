import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The demo's companion process (run by demo.sh with GreenMail's standalone jar on the class path):
 * an SMTP sink on the realm's SMTP port that prints every mail Keycloak sends and serves them on a local
 * page, and the banner that tells where everything is once Keycloak answers.
 *
 * Usage: java -cp greenmail-standalone.jar DemoSidecar.java REALM_JSON KEYCLOAK_URL SMTP_PORT MAIL_PAGE_PORT MAIL_DIR
 */
public class DemoSidecar {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final GreenMail smtp;
    private final Path mailDir;
    private final List<Mail> mails = new ArrayList<>();

    record Mail(int number, String time, String to, String subject, String text, String html) {
    }

    DemoSidecar(int smtpPort, Path mailDir) {
        this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.mailDir = mailDir;
    }

    public static void main(String[] args) throws Exception {
        Path realmJson = Path.of(args[0]);
        String keycloakUrl = args[1];
        int smtpPort = Integer.parseInt(args[2]);
        int pagePort = Integer.parseInt(args[3]);
        Path mailDir = Path.of(args[4]);
        Files.createDirectories(mailDir);

        DemoSidecar sidecar = new DemoSidecar(smtpPort, mailDir);
        sidecar.smtp.start();
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
        page.createContext("/", sidecar::servePage);
        page.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            page.stop(0);
            sidecar.smtp.stop();
        }));

        JsonNode realm = new ObjectMapper().readTree(realmJson.toFile());
        waitForRealm(keycloakUrl, realm.get("realm").asText());
        printBanner(realm, keycloakUrl, smtpPort, pagePort, mailDir);

        while (true) {
            sidecar.smtp.waitForIncomingEmail(60_000, sidecar.mails.size() + 1);
            sidecar.collectNewMails();
        }
    }

    private static void waitForRealm(String keycloakUrl, String realmName) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realmName)).build();
        while (true) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Keycloak is still starting.
            }
            Thread.sleep(500);
        }
    }

    private static void printBanner(JsonNode realm, String kc, int smtpPort, int pagePort, Path mailDir) {
        String name = realm.get("realm").asText();
        StringBuilder b = new StringBuilder("\n");
        b.append("=====================================================================\n");
        b.append(" HPC MFA pack demo is running: ").append(realm.path("displayName").asText(name)).append('\n');
        b.append("=====================================================================\n");
        b.append(" Admin console : ").append(kc).append("/admin/master/console/#/").append(name)
                .append("   (admin / admin)\n");
        b.append(" Account/portal: ").append(kc).append("/realms/").append(name).append("/account\n");
        b.append(" Demo users    :\n");
        for (JsonNode user : realm.path("users")) {
            String password = "";
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText();
                }
            }
            b.append(String.format("   %-10s password %-16s %s%n", user.path("username").asText(), password,
                    user.path("email").asText("")));
        }
        b.append(" Emails        : printed below as they arrive, listed on http://localhost:").append(pagePort)
                .append("/\n                 and saved in ").append(mailDir).append(" (SMTP sink on localhost:")
                .append(smtpPort).append(")\n");
        b.append(" Stop          : Ctrl-C\n");
        b.append("=====================================================================\n");
        System.out.println(b);
    }

    private synchronized void collectNewMails() throws Exception {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = mails.size(); i < received.length; i++) {
            MimeMessage message = received[i];
            String[] bodies = {"", ""};
            collectBodies(message, bodies);
            Mail mail = new Mail(i + 1, LocalTime.now().format(TIME), String.join(", ",
                    List.of(message.getAllRecipients()).stream().map(Object::toString).toList()),
                    message.getSubject(), bodies[0], bodies[1]);
            mails.add(mail);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            Files.write(mailDir.resolve(String.format("%03d.eml", mail.number())), raw.toByteArray());
            System.out.printf("%n[mail #%d %s] to %s: %s%n", mail.number(), mail.time(), mail.to(), mail.subject());
            mail.text().lines().forEach(line -> System.out.println("[mail #" + mail.number() + "]   " + line));
        }
    }

    /** Fills bodies[0] with the text/plain part and bodies[1] with the text/html part. */
    private static void collectBodies(Part part, String[] bodies) throws Exception {
        if (part.isMimeType("text/plain") && bodies[0].isEmpty()) {
            bodies[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies[1].isEmpty()) {
            bodies[1] = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectBodies(multipart.getBodyPart(i), bodies);
            }
        }
    }

    private void servePage(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8>"
                + "<meta http-equiv=refresh content=5><title>Demo mail</title><style>"
                + "body{font-family:sans-serif;margin:2em}article{border:1px solid #ccc;margin:1em 0;padding:1em}"
                + "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}iframe{width:100%;height:24em;border:0}"
                + "</style></head><body><h1>Mail sent by the demo Keycloak</h1>");
        synchronized (this) {
            if (mails.isEmpty()) {
                html.append("<p>No mail yet. This page refreshes itself.</p>");
            }
            for (int i = mails.size() - 1; i >= 0; i--) {
                Mail mail = mails.get(i);
                html.append("<article id=").append(mail.number()).append("><h2>#").append(mail.number()).append(' ')
                        .append(escape(mail.subject())).append("</h2><p>").append(mail.time()).append(" to ")
                        .append(escape(mail.to())).append("</p><pre>").append(escape(mail.text())).append("</pre>");
                if (!mail.html().isEmpty()) {
                    html.append("<iframe sandbox srcdoc=\"").append(escape(mail.html())).append("\"></iframe>");
                }
                html.append("</article>");
            }
        }
        byte[] body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
