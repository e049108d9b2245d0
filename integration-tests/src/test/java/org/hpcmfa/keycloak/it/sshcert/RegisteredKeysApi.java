package org.hpcmfa.keycloak.it.sshcert;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.TestUsers;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/**
 * What a person's tools do with registered SSH keys: {@code /ssh-ca/keys} with a bearer token, real ssh-keygen keys,
 * and the key proof {@code hpc-ssh-cert} makes with {@code ssh-keygen -Y sign}.
 */
final class RegisteredKeysApi {

    private final String realmUrl;
    private final String realmName;
    private final HttpClient http = HttpClient.newHttpClient();

    RegisteredKeysApi(String realmUrl, String realmName) {
        this.realmUrl = realmUrl;
        this.realmName = realmName;
    }

    DeviceLogin.Reply list(String bearer) throws Exception {
        return send(request("").GET(), bearer);
    }

    DeviceLogin.Reply add(String bearer, String publicKeyLine) throws Exception {
        return addRaw(bearer, JsonSerialization.writeValueAsString(Map.of("public_key", publicKeyLine)));
    }

    DeviceLogin.Reply addRaw(String bearer, String body) throws Exception {
        return send(request("").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer);
    }

    DeviceLogin.Reply removeById(String bearer, String id) throws Exception {
        return send(request("/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).DELETE(), bearer);
    }

    DeviceLogin.Reply removeByFingerprint(String bearer, String fingerprint) throws Exception {
        return send(request("?fingerprint=" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8)).DELETE(), bearer);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/keys" + path));
    }

    private DeviceLogin.Reply send(HttpRequest.Builder request, String bearer) throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new DeviceLogin.Reply(r.statusCode(), JsonSerialization.readValue(r.body(), JsonNode.class));
    }

    /** A key made by ssh-keygen, comment {@code name}; returns its public key line. */
    static String keygen(Path dir, String name, String... type) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name, "-f",
                dir.resolve(name).toString()));
        command.addAll(List.of(type.length == 0 ? new String[] {"-t", "ed25519"} : type));
        Sshd.Result made = Sshd.run(command, Map.of());
        if (made.exitCode() != 0) {
            throw new AssertionError(made.output());
        }
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }

    /** The fingerprint as ssh-keygen -l prints it. */
    static String fingerprint(Path dir, String name) throws Exception {
        return Sshd.run(List.of("ssh-keygen", "-l", "-f", dir.resolve(name + ".pub").toString()), Map.of())
                .output().split("\\s+")[1];
    }

    /**
     * The key proof hpc-ssh-cert sends: {@code ssh-keygen -Y sign} by key {@code signer} over the message binding
     * {@code token}, the fingerprint of {@code certifiedLine} and {@code time}.
     */
    String proof(Path dir, String signer, String token, String certifiedLine, long time) throws Exception {
        return signed(dir, signer, "hpc-ssh-cert key proof v1", "hpc-ssh-cert@" + realmName, token, certifiedLine, time);
    }

    /** The proof a renewal carries: the same lines under its own first line and namespace. */
    String renewalProof(Path dir, String signer, String token, String certifiedLine, long time) throws Exception {
        return signed(dir, signer, "hpc-ssh-cert renewal v1", "hpc-ssh-cert-renew@" + realmName, token, certifiedLine,
                time);
    }

    private String signed(Path dir, String signer, String firstLine, String namespace, String token,
            String certifiedLine, long time) throws Exception {
        String message = firstLine + "\nrealm=" + realmName + "\ntoken=" + sha256Url(token) + "\nkey="
                + fingerprintOf(certifiedLine) + "\ntime=" + time + "\n";
        Path file = Files.createTempFile(dir, "proof", ".txt");
        Files.writeString(file, message);
        Sshd.Result signed = Sshd.run(List.of("ssh-keygen", "-q", "-Y", "sign", "-n", namespace,
                "-f", dir.resolve(signer).toString(), file.toString()), Map.of());
        if (signed.exitCode() != 0) {
            throw new AssertionError(signed.output());
        }
        String signature = Files.readString(Path.of(file + ".sig"));
        return "{\"signature\":" + JsonSerialization.writeValueAsString(signature) + ",\"time\":" + time + "}";
    }

    static String signBody(String publicKeyLine, String proofJson) {
        return "{\"public_key\":\"" + publicKeyLine + "\"" + (proofJson == null ? "" : ",\"key_proof\":" + proofJson) + "}";
    }

    static String fingerprintOf(String line) throws Exception {
        byte[] blob = Base64.getDecoder().decode(line.trim().split("\\s+")[1]);
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }

    private static String sha256Url(String text) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A registered key as an admin import (or a migration) creates it with the user: type hpc-ssh-key. */
    static CredentialRepresentation credential(String line, String comment) throws Exception {
        CredentialRepresentation key = new CredentialRepresentation();
        key.setType("hpc-ssh-key");
        key.setUserLabel(comment);
        key.setSecretData("{}");
        String[] parts = line.trim().split("\\s+");
        key.setCredentialData(JsonSerialization.writeValueAsString(Map.of("keyType", parts[0],
                "fingerprint", fingerprintOf(line), "comment", comment, "publicKey", parts[0] + " " + parts[1])));
        return key;
    }

    /**
     * A TOTP code Keycloak accepts now (this, the next or the previous period) that this test has not spent yet:
     * Keycloak refuses a code used before, and a person's logins follow each other within seconds here. The previous
     * period's code only while enough of this period remains to submit it (it is refused once two periods old); when
     * all are spent, the next period's, once it begins, as a person would wait.
     */
    static String unusedCode(java.util.Set<String> usedCodes) throws InterruptedException {
        while (true) {
            long secondsLeft = 30 - java.time.Instant.now().getEpochSecond() % 30;
            int[] steps = secondsLeft >= org.hpcmfa.keycloak.it.journeys.AuthenticatorApp.SUBMIT_MARGIN_SECONDS
                    ? new int[] {0, 1, -1} : new int[] {0, 1};
            for (int step : steps) {
                String code = TestUsers.totp(TestUsers.TOTP_SECRET, step);
                if (usedCodes.add(code)) {
                    return code;
                }
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The browser half of a device login, whatever the flow asks after the username: the password if asked (the
     * password flows), then a TOTP code or the emailed code, then the consent screen if any.
     */
    static void approve(LoginDriver browser, String verificationUrl, String username, java.util.Set<String> usedCodes,
            org.keycloak.testframework.mail.MailServer mail) throws Exception {
        if (mail != null) {
            mail.runCleanup();
        }
        DeviceLogin.openInBrowser(browser, verificationUrl, username);
        if (browser.isPresent(By.id("password"))) {
            browser.password(TestUsers.PASSWORD);
        }
        if (browser.isPresent(By.id("otp"))) {
            browser.totp(unusedCode(usedCodes));
        } else if (browser.isPresent(By.id("emailCode")) && mail != null) {
            if (!mail.waitForIncomingEmail(10_000, 1)) {
                throw new AssertionError("no email code; page: " + browser.pageSource());
            }
            browser.emailCode(org.hpcmfa.keycloak.it.Mails.code(mail.getLastReceivedMessage()));
        }
        DeviceLogin.approveKey(browser);
    }
}
