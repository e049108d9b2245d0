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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
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
 * Every mail is shown, printed and saved once, numbered in the order GreenMail delivered it: the sink hooks into
 * GreenMail's delivery instead of reading its mailboxes, whose combined list is ordered by mailbox, not by arrival.
 *
 * Usage: java -cp greenmail-standalone.jar DemoSidecar.java REALM_JSON KEYCLOAK_URL SMTP_PORT MAIL_PAGE_PORT MAIL_DIR
 */
public class DemoSidecar {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final GreenMail smtp;
    private final Path mailDir;
    private final List<Mail> mails = new ArrayList<>();
    /** Messages already taken: a mail to several recipients is delivered once per recipient but shown once. */
    private final Set<MovingMessage> taken = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Mails saved by earlier runs (demo.sh without --reset keeps .demo/mail): this run numbers after them, so the
     * highest number is always the newest mail and no file of an earlier run is overwritten.
     */
    private final int earlierMails;

    record Mail(int number, String time, String to, String subject, String text, String html) {
    }

    DemoSidecar(int smtpPort, Path mailDir) throws java.io.IOException {
        this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.mailDir = mailDir;
        this.earlierMails = highestSavedNumber(mailDir);
        UserManager users = smtp.getManagers().getUserManager();
        MessageDeliveryHandler mailboxes = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, recipient) -> {
            var mailbox = mailboxes.handle(message, recipient);
            take(message);
            return mailbox;
        });
    }

    public static void main(String[] args) throws Exception {
        Path realmJson = Path.of(args[0]);
        String keycloakUrl = args[1];
        int smtpPort = Integer.parseInt(args[2]);
        int pagePort = Integer.parseInt(args[3]);
        Path mailDir = Path.of(args[4]);
        Files.createDirectories(mailDir);

        DemoSidecar sidecar = new DemoSidecar(smtpPort, mailDir);
        sidecar.smtp.start(); // from now on every mail is taken as it is delivered, even before Keycloak answers
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
        page.createContext("/", sidecar::servePage);
        page.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            page.stop(0);
            sidecar.smtp.stop();
        }));

        JsonNode realm = new ObjectMapper().readTree(realmJson.toFile());
        waitForRealm(keycloakUrl, realm.get("realm").asText());
        applyMasterSettings(keycloakUrl, realmJson.resolveSibling(MASTER_SETTINGS));
        printBanner(realm, keycloakUrl, smtpPort, pagePort, mailDir);
        onboardNewcomers(keycloakUrl, realm.get("realm").asText());
        Thread.currentThread().join(); // mails keep arriving on GreenMail's threads until demo.sh stops the process
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

    /**
     * The master realm's settings of the demo (demo/master-realm-settings.json, which docker/compose.yaml applies
     * too): the pack's admin theme, so the admin console names credentials "Registration token", not
     * "Registration-token". A realm import cannot change master, which exists before the import; a partial update
     * sets only the file's keys and is the same on every start.
     */
    private static final String MASTER_SETTINGS = "master-realm-settings.json";

    private static void applyMasterSettings(String kc, Path settings) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms/master"))
                    .header("Authorization", adminBearer(http, kc)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofFile(settings)).build(), HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + updated.statusCode() + " " + updated.body());
            }
            System.out.println("[demo] master realm: " + new ObjectMapper().readTree(settings.toFile())
                    + " (admin console with readable credential names)");
        } catch (Exception e) {
            System.out.println("[demo] could not apply " + settings + " to the master realm: " + e);
        }
    }

    /** The demo's admin (admin / admin, as the banner says) through admin-cli, as kcadm.sh logs in. */
    private static String adminBearer(HttpClient http, String kc) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(kc + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return "Bearer " + new ObjectMapper().readTree(token.body()).get("access_token").asText();
    }

    /**
     * The seeds' first step: newcomers receive a registration token by mail. Every start issues a fresh token to
     * the members of the demo's "newcomers" group who have not enrolled a second factor yet, through the pack's
     * admin endpoint, as a helpdesk script would.
     */
    private static void onboardNewcomers(String kc, String realm) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            String bearer = adminBearer(http, kc);
            HttpResponse<String> groups = http.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms/" + realm
                    + "/groups?search=newcomers&exact=true")).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode group : json.readTree(groups.body())) {
                HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms/" + realm
                        + "/registration-tokens/groups/" + group.get("id").asText())).header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = json.readTree(report.body());
                for (JsonNode issued : body.path("issued")) {
                    System.out.println("[demo] registration token mailed to newcomer " + issued.get("username").asText()
                            + ": log in to the portal with the username and the token from the mail as password");
                }
                for (JsonNode skipped : body.path("skipped")) {
                    System.out.println("[demo] newcomer " + skipped.get("username").asText() + " skipped: "
                            + skipped.get("reason").asText());
                }
            }
        } catch (Exception e) {
            System.out.println("[demo] could not issue registration tokens to newcomers: " + e);
        }
    }

    /** Where the demo's web clients land after a login: the pack's page saying who is signed in, with which factors. */
    private static final String LANDING_PAGE = "hpc-signed-in";

    /** A login of one of the demo's public web clients, ready to open (PKCE is mandatory for them). */
    private static String loginUrl(String kc, String realm, String clientId) {
        try {
            byte[] verifier = new byte[32];
            new java.security.SecureRandom().nextBytes(verifier);
            String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(
                            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(verifier)
                                    .getBytes(StandardCharsets.US_ASCII)));
            return kc + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + clientId + "&response_type=code"
                    + "&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(kc + "/realms/" + realm + "/" + LANDING_PAGE, StandardCharsets.UTF_8)
                    + "&code_challenge_method=S256&code_challenge=" + challenge;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
        b.append(" MFA portal    : ").append(kc).append("/realms/").append(name).append("/account\n");
        b.append("                 username + registration token (first login) or TOTP code in the password field\n");
        b.append(" Research app  : password, then TOTP, push, an SMS or an email code; try it at\n                 ")
                .append(loginUrl(kc, name, "research-app")).append('\n');
        b.append(" CISM login    : username, password and OTP (optional) on one page (cism-jupyterlab); try it at\n                 ")
                .append(loginUrl(kc, name, "cism-jupyterlab")).append('\n');
        b.append(" Cloud portal  : password, then TOTP or a recovery code once enrolled (cloud-portal); try it at\n                 ")
                .append(loginUrl(kc, name, "cloud-portal")).append('\n');
        b.append(" Disable MFA   : sign in again, a confirmation link is mailed (15 min); start at\n                 ")
                .append(loginUrl(kc, name, "cloud-portal")).append("&kc_action=hpc-disable-mfa\n");
        b.append(" Demo users    :\n");
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue; // a client's service account, not a person who logs in
            }
            String password = "";
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText();
                }
            }
            b.append(String.format("   %-10s %-25s %s%n", user.path("username").asText(),
                    password.isEmpty() ? "registration token by mail" : "password " + password,
                    user.path("email").asText("")));
        }
        b.append(" SSH automation: HPC_SSH_CERT_CLIENT_SECRET=ci-deploy-demo-secret client/hpc-ssh-cert \\\n")
                .append("                   --client-id ci-deploy --key /tmp/ci_deploy   (principal deploy)\n");
        b.append(" SMS codes     : texts to the demo's fake gateway are printed below and listed on http://localhost:8026/\n");
        b.append(" Emails        : printed below as they arrive, listed on http://localhost:").append(pagePort)
                .append("/\n                 and saved in ").append(mailDir).append(" (SMTP sink on localhost:")
                .append(smtpPort).append(")\n");
        b.append(" Stop          : Ctrl-C\n");
        b.append("=====================================================================\n");
        System.out.println(b);
    }

    private static int highestSavedNumber(Path mailDir) throws java.io.IOException {
        if (!Files.isDirectory(mailDir)) {
            return 0;
        }
        try (var files = Files.list(mailDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+\\.eml"))
                    .mapToInt(n -> Integer.parseInt(n.substring(0, n.length() - 4))).max().orElse(0);
        }
    }

    /** Shows, prints and saves a delivered mail, unless an earlier recipient's delivery already took it. */
    private synchronized void take(MovingMessage delivered) {
        if (!taken.add(delivered)) {
            return;
        }
        try {
            MimeMessage message = delivered.getMessage();
            String[] bodies = {"", ""};
            collectBodies(message, bodies);
            Mail mail = new Mail(earlierMails + mails.size() + 1, LocalTime.now().format(TIME), String.join(", ",
                    delivered.getToAddresses().stream().map(to -> to.getEmail()).toList()),
                    message.getSubject(), bodies[0], bodies[1]);
            mails.add(mail);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            Files.write(mailDir.resolve(String.format("%03d.eml", mail.number())), raw.toByteArray());
            System.out.printf("%n[mail #%d %s] to %s: %s%n", mail.number(), mail.time(), mail.to(), mail.subject());
            mail.text().lines().forEach(line -> System.out.println("[mail #" + mail.number() + "]   " + line));
        } catch (Exception e) {
            System.out.println("[demo] a mail could not be shown: " + e);
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
