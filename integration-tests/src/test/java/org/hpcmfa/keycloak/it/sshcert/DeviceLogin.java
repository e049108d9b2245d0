package org.hpcmfa.keycloak.it.sshcert;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.TestUsers;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/** The OAuth device grant as an SSH client runs it, with the browser half driven like a person would. */
public final class DeviceLogin {

    private final String realmUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public DeviceLogin(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /**
     * The key a device login names when a test does not care which: the review page shows its fingerprint and the
     * token then signs only this key (the demo realm binds certificates to the key shown at login).
     */
    public static final String DEFAULT_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl journey";

    /** Starts a device login that names {@link #DEFAULT_KEY}. */
    public JsonNode start(String clientId, String secret) throws Exception {
        return start(clientId, secret, DEFAULT_KEY);
    }

    /** Starts a device login that names this public key (its fingerprint), as hpc-ssh-cert does. */
    public JsonNode start(String clientId, String secret, String publicKey) throws Exception {
        Map<String, String> form = new java.util.HashMap<>(Map.of("client_id", clientId, "scope", "openid"));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        if (publicKey != null) {
            form.put("ssh_key_fingerprint", fingerprint(publicKey));
        }
        return post("/protocol/openid-connect/auth/device", form).body();
    }

    /** OpenSSH's SHA256 fingerprint of a public key line. */
    public static String fingerprint(String publicKey) throws Exception {
        byte[] blob = java.util.Base64.getDecoder().decode(publicKey.trim().split("\\s+")[1]);
        return "SHA256:" + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(blob));
    }

    /**
     * The last page of an SSH device login: the key review ("Approve"), then Keycloak's consent screen if the client
     * shows one. Does nothing on pages that are neither.
     */
    public static void approveKey(LoginDriver browser) {
        if (browser.isPresent(By.id("kc-key-review-approve"))) {
            browser.submit(browser.driver().findElement(By.id("kc-key-review-approve")));
        }
        if (browser.isPresent(By.id("kc-oauth"))) {
            browser.driver().findElement(By.id("kc-login")).click();
        }
    }

    /**
     * The browser half up to the second factor: the one-time URL in a fresh session, then the username and the
     * password (the first factor; a test user's password).
     */
    public static void openInBrowser(LoginDriver browser, String verificationUrl, String username) {
        openInBrowser(browser, verificationUrl, username, TestUsers.PASSWORD);
    }

    /**
     * The same with the person's own password (a demo user's). A flow whose first step is a registered SSH key
     * (proven later, at {@code sign}) asks only for the username: then no password is typed.
     */
    public static void openInBrowser(LoginDriver browser, String verificationUrl, String username, String password) {
        browser.driver().cookies().deleteAll();
        browser.driver().open(verificationUrl);
        if (browser.isPresent(By.id("device-user-code"))) {
            browser.submit(browser.driver().findElement(By.id("kc-login")));
        }
        if (browser.isPresent(By.id("password"))) {
            browser.usernamePassword(username, password);
        } else {
            browser.driver().findElement(By.id("username")).sendKeys(username);
            browser.submit(browser.driver().findElement(By.id("kc-login")));
        }
    }

    /**
     * Opens the verification URL, enters the username, the password and the current TOTP code of a user created
     * with {@link TestUsers#totpCredential}, and approves the consent screen.
     */
    static void approveInBrowser(LoginDriver browser, String verificationUrl, String username) {
        openInBrowser(browser, verificationUrl, username);
        if (!browser.isPresent(By.id("otp"))) {
            throw new AssertionError("no TOTP page after the password; page: " + browser.pageSource());
        }
        browser.totp(TestUsers.totpNow());
        approveKey(browser);
    }

    /** Polls the token endpoint as RFC 8628 asks: every second, five seconds more after each "slow_down". */
    public String poll(String clientId, String secret, String deviceCode) throws Exception {
        return pollTokens(clientId, secret, deviceCode).get("access_token").asText();
    }

    /** The same, returning the whole token answer (with the refresh token a renewal continues the session with). */
    public JsonNode pollTokens(String clientId, String secret, String deviceCode) throws Exception {
        long pause = 1000;
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, String> form = secret == null
                    ? Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", clientId, "device_code", deviceCode)
                    : Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", clientId,
                            "client_secret", secret, "device_code", deviceCode);
            Reply reply = post("/protocol/openid-connect/token", form);
            if (reply.status() == 200) {
                return reply.body();
            }
            if ("slow_down".equals(reply.body().path("error").asText())) {
                pause += 5000;
            }
            Thread.sleep(pause);
        }
        throw new AssertionError("the device login did not complete");
    }

    public record Reply(int status, JsonNode body) {
    }

    Reply post(String path, Map<String, String> form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(realmUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JsonSerialization.readValue(r.body(), JsonNode.class));
    }

    /** POST sign with a bearer token and a JSON body; returns status and JSON answer. */
    public Reply sign(String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/sign"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JsonSerialization.readValue(r.body(), JsonNode.class));
    }

    public String caPub() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/ca.pub")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public byte[] krl() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/krl")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
