package org.hpcmfa.keycloak.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.PackJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's mail sink (demo/DemoSidecar.java), started the way demo.sh starts it ({@code java DemoSidecar.java}
 * with GreenMail on the class path), receives mails for several people in mixed order over SMTP: each one is
 * printed, saved and listed on the mail page exactly once, numbered in arrival order. No Keycloak is needed: the
 * sink works before Keycloak answers (the banner waits for it, the mails do not).
 */
class DemoMailSinkTest {

    /** Generous: the JVM compiles DemoSidecar.java at start, and test machines are often busy. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private Process sidecar;
    private Path stdout;
    private Path mailDir;
    private int smtpPort;
    private int pagePort;

    @BeforeEach
    void startSidecar() throws Exception {
        smtpPort = freePort();
        pagePort = freePort();
        mailDir = work.resolve("mail");
        stdout = work.resolve("sidecar.log");
        Path root = PackJars.rootDir();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        sidecar = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                root.resolve("demo/DemoSidecar.java").toString(), root.resolve("demo/mfa-demo-realm.json").toString(),
                "http://127.0.0.1:" + freePort(), String.valueOf(smtpPort), String.valueOf(pagePort), mailDir.toString())
                .redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        waitUntil("the sink's SMTP port answers", () -> answers(smtpPort));
    }

    @AfterEach
    void stopSidecar() throws Exception {
        sidecar.destroy();
        sidecar.waitFor();
    }

    @Test
    void everyMailOnceInArrivalOrderWhoeverItIsFor() throws Exception {
        // People as the demo's mails reach them: a second mail to someone whose mailbox already exists, between
        // mails to others (the order of GreenMail's mailboxes is not the order of arrival), then a burst.
        List<String[]> sent = new ArrayList<>();
        String[][] paced = {{"bob"}, {"alice"}, {"bob"}, {"dana"}, {"alice"}, {"bob", "carol"}, {"dana"}};
        for (String[] to : paced) {
            sent.add(send(sent.size() + 1, to));
            int expected = sent.size();
            waitUntil("mail #" + expected + " saved", () -> saved().size() >= expected);
        }
        String[][] burst = {{"carol"}, {"alice"}, {"bob"}, {"erin"}, {"alice"}};
        for (String[] to : burst) {
            sent.add(send(sent.size() + 1, to));
        }
        waitUntil("every mail saved", () -> saved().size() >= sent.size());
        Thread.sleep(500); // a duplicate would be written right after the last mail

        List<Path> files = saved();
        assertEquals(sent.size(), files.size(), "one file per mail: " + files);
        String log = Files.readString(stdout);
        String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + pagePort + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (int i = 0; i < sent.size(); i++) {
            int number = i + 1;
            String subject = sent.get(i)[0];
            String recipients = sent.get(i)[1];
            assertEquals(String.format("%03d.eml", number), files.get(i).getFileName().toString());
            try (InputStream in = Files.newInputStream(files.get(i))) {
                assertEquals(subject, new MimeMessage(null, in).getSubject(), files.get(i) + " holds another mail");
            }
            assertEquals(1, count(log, Pattern.quote("] to ") + "[^\\n]*: " + Pattern.quote(subject) + "\\n"),
                    subject + " printed once:\n" + log);
            assertTrue(log.contains("[mail #" + number + " "), "mail #" + number + " printed:\n" + log);
            assertTrue(log.matches("(?s).*\\[mail #" + number + " [0-9:]+\\] to " + Pattern.quote(recipients)
                    + ": " + Pattern.quote(subject) + "\\n.*"), subject + " printed as #" + number + " to " + recipients
                    + ":\n" + log);
            assertEquals(1, count(page, Pattern.quote(subject) + "</h2>"), subject + " listed once on the mail page");
        }
        assertEquals(sent.size(), count(log, "\\[mail #\\d+ [0-9:]+\\] to "), "no other mail printed:\n" + log);
    }

    @Test
    void aRestartedSinkNumbersAfterTheMailsOfEarlierRunsAndOverwritesNone() throws Exception {
        // demo.sh without --reset keeps .demo/mail: a newcomer reads the highest number as the newest mail.
        String[] first = send(1, "dana");
        String[] second = send(2, "alice");
        waitUntil("two mails saved", () -> saved().size() >= 2);
        stopSidecar();
        startSidecar();
        String[] third = send(3, "alice");
        waitUntil("the third mail saved", () -> saved().size() >= 3);

        List<Path> files = saved();
        assertEquals(List.of("001.eml", "002.eml", "003.eml"), files.stream().map(f -> f.getFileName().toString()).toList());
        String[][] expected = {first, second, third};
        for (int i = 0; i < 3; i++) {
            try (InputStream in = Files.newInputStream(files.get(i))) {
                assertEquals(expected[i][0], new MimeMessage(null, in).getSubject(), files.get(i) + " holds another mail");
            }
        }
        assertTrue(Files.readString(stdout).contains("[mail #3 "), "the restarted sink prints the mail as #3");
    }

    /** Sends mail number {@code n} to {@code people}; returns its subject and its recipients as the sink names them. */
    private String[] send(int n, String... people) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("keycloak@example.org"));
        List<String> addresses = new ArrayList<>();
        for (String person : people) {
            addresses.add(person + "@example.org");
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(person + "@example.org"));
        }
        String subject = "Mail " + n + " for " + String.join(" and ", people);
        message.setSubject(subject);
        message.setText("Hello " + String.join(", ", people) + ", this is mail " + n + ".");
        Transport.send(message);
        return new String[] {subject, String.join(", ", addresses)};
    }

    private List<Path> saved() {
        try (var files = Files.list(mailDir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException notYet) {
            return List.of();
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private void waitUntil(String what, BooleanSupplier condition) throws Exception {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (!sidecar.isAlive() || Instant.now().isAfter(end)) {
                throw new AssertionError("not reached: " + what + "; sink output:\n" + Files.readString(stdout));
            }
            Thread.sleep(100);
        }
    }

    private static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException no) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
