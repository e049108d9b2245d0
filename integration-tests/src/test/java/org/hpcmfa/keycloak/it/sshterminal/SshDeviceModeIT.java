package org.hpcmfa.keycloak.it.sshterminal;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PAM_BUILD;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PUTTY_TOOLS;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * VSC's login node (issue 15): sshd accepts the key, then pam_hpc_mfa in {@code mode=device} shows a one-time link
 * and a QR code at the SSH prompt; the person logs in with password and TOTP in Chromium, presses Enter, and the
 * session opens. Someone else's browser login, a used link, a link not used in time and an unreachable Keycloak
 * are refused with their messages. With {@code certificates=accept}, a certificate of the realm's CA logs in
 * without the link, a plain key still gets it, a certificate of another CA is refused by sshd, and a certificate of
 * a user's own CA (a {@code cert-authority} line in their authorized_keys, which sshd accepts) gets the link
 * ({@code ca=} pins the realm's CA). PuTTY's plink
 * (the Windows users' client) gets the same prompt.
 */
@Needs({ROOT, PAM_BUILD, OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3, CHROMIUM, PUTTY_TOOLS})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshDeviceModeIT {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/device\\?user_code=[A-Z0-9-]+)");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    PamSshd sshd;

    @BeforeEach
    void startSshd() throws Exception {
        Files.writeString(dir.resolve("realm-ca.pub"), new DeviceLogin(realm.getBaseUrl()).caPub());
        // The shipped device-mode files (login-node/sshd_config.d-hpc-mfa-device.conf, pam.d-sshd-device options).
        sshd = PamSshd.start(dir, realm.getBaseUrl(), "ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"),
                "mode=device certificates=accept ca=" + dir.resolve("realm-ca.pub") + " timeout=90",
                "sshd_config.d-hpc-mfa-device.conf", "TrustedUserCAKeys " + dir.resolve("realm-ca.pub"));
    }

    @AfterEach
    void stopSshd() throws Exception {
        sshd.close();
        ClientRepresentation gateway = realm.admin().clients().findByClientId("ssh-gateway").get(0);
        gateway.getAttributes().remove("oauth2.device.code.lifespan");
        gateway.getAttributes().remove("oauth2.device.polling.interval");
        realm.admin().clients().get(gateway.getId()).update(gateway);
    }

    @Test
    void theLinkAtThePromptLogsInAfterPasswordAndTotpInTheBrowserOnce() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-ok", "example.org", false, true);
        TerminalSsh ssh = connect(user);
        String prompt = ssh.prompt();
        assertTrue(prompt.contains("Open this link in a browser and log in as " + user), prompt);
        assertTrue(prompt.endsWith("Once you have logged in in the browser, press Enter: "), prompt);
        String link = link(prompt);
        assertEquals(link, PromptQr.decode(prompt), "the QR code opens the same link");

        long started = System.nanoTime();
        try (Chromium chromium = Chromium.start(Chromium.Viewport.MOBILE, "en")) {
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            logInWithTotp(chromium, browser, link, user);
            ssh.answer("");
            TerminalSsh.Result result = ssh.result();
            assertTrue(result.loggedInAs(user), result.output());
            System.out.printf("device login, browser to session: %.1f s%n", (System.nanoTime() - started) / 1e9);

            // The link works once: opened again, Keycloak no longer knows its code.
            browser.driver().cookies().deleteAll();
            browser.driver().open(link);
            String page = chromium.driver().findElement(By.tagName("body")).getText();
            assertFalse(browser.isPresent(By.id("password")), page);
            assertTrue(page.contains("invalid") || page.contains("expired") || page.contains("Invalid"), page);
        }
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN").stream()
                .anyMatch(e -> "ssh-terminal-device".equals(e.getDetails().get("auth_method"))
                        && e.getDetails().get("factors").contains("TOTP")), "a LOGIN event for the device mode");
    }

    @Test
    void someoneElsesBrowserLoginIsRefusedWithTheMessage() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-owner", "example.org", false, true);
        String other = TestUsers.create(realm.admin(), "dm-other", "example.org", false, true);
        TerminalSsh ssh = connect(user);
        String link = link(ssh.prompt());
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            logInWithTotp(chromium, new LoginDriver(chromium.managed(), realm), link, other);
        }
        ssh.answer("");
        TerminalSsh.Result result = ssh.result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("This link was used to log in as another account, not as " + user
                + ". Login refused"), result.output());
        // Whoever sits at this terminal does not learn who completed the link: only the event names them.
        assertFalse(result.output().contains(other), result.output());
        EventRepresentation refused = PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR")
                .stream().filter(e -> "ssh_terminal_device_wrong_user".equals(e.getError())).findFirst()
                .orElseThrow(() -> new AssertionError("no ssh_terminal_device_wrong_user event"));
        assertEquals(other, refused.getDetails().get("device_user"));
    }

    @Test
    void aLinkNotUsedInTimeIsRefused() throws Exception {
        gatewayAttributes(Map.of("oauth2.device.code.lifespan", "6", "oauth2.device.polling.interval", "1"));
        String user = TestUsers.create(realm.admin(), "dm-late", "example.org", false, true);
        TerminalSsh ssh = connect(user);
        link(ssh.prompt());
        ssh.answer("");
        TerminalSsh.Result result = ssh.result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("The link was not used in time, or was already used. Login refused"),
                result.output());
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").stream()
                .anyMatch(e -> "ssh_terminal_device_expired".equals(e.getError())), "an expiry event");
    }

    @Test
    void whenKeycloakCannotBeReachedTheLoginIsRefusedWithTheMessage() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-down", "example.org", false, true);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PamSshd.configure(dir, "http://127.0.0.1:" + closed + "/realms/" + realm.getName(), "ssh-gateway");
        TerminalSsh.Result result = connect(user).result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("The MFA service cannot be reached. Login refused"), result.output());
    }

    @Test
    void aCertificateOfTheRealmCaLogsInWithoutTheLinkAPlainKeyDoesNotAnotherCaIsRefused() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-cert", "example.org", false, true);
        Path key = newKey(user + "-id");
        sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        // The realm CA's certificate for this key, as the terminal prompt issues it after a TOTP login.
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply started = api.start(token, user);
        TerminalApi.Reply finished = api.call(token, "finish", Map.of("handle", started.text("handle"),
                "answer", TestUsers.totpNow(), "public_key", Files.readString(Path.of(key + ".pub")).trim()));
        assertEquals(200, finished.status(), finished.body().toString());
        Path certificate = Path.of(key + "-cert.pub");
        Files.writeString(certificate, finished.text("certificate") + "\n");

        // A person's ssh, ready to answer prompts: none is shown, the session opens. The plain key is not in
        // authorized_keys here: ssh offers a key before the certificate loaded beside it, and a plain key that sshd
        // accepts gets the link (docs/ssh-operator-guide.md, "offer the certificate first").
        sshd.account(user, Files.readString(Path.of(newKey(user + "-other") + ".pub")).trim());
        Path withCertificateDir = dir.resolve(user + "-with-certificate");
        TerminalSsh.Result withCertificate = TerminalSsh.connect(sshd, withCertificateDir, user, key).result();
        assertTrue(withCertificate.loggedInAs(user), withCertificate.output());
        assertFalse(Files.exists(withCertificateDir.resolve("prompt")), "a prompt was shown to a certificate login");
        String log = sshd.log();
        assertTrue(log.contains("Partial publickey for " + user + " from 127.0.0.1") && log.contains("ED25519-CERT")
                && log.contains("ID mfa-demo:" + user + ":"), log);

        // The same key without its certificate gets the link; Ctrl-C (the client hangs up) ends the wait at once.
        Files.delete(certificate);
        sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        TerminalSsh plain = TerminalSsh.connect(sshd, dir.resolve(user + "-plain"), user, key);
        assertTrue(plain.prompt().contains("Open this link in a browser and log in as " + user), plain.prompt());
        plain.hangUp();
        for (int i = 0; i < 50 && helperRunsFor(user); i++) {
            Thread.sleep(100);
        }
        assertFalse(helperRunsFor(user), "the helper still waits after the client hung up");

        // A certificate of a CA sshd does not trust, for a key that is not authorized: sshd refuses it.
        Path foreignCa = newKey("foreign-ca");
        Path stranger = newKey(user + "-stranger");
        PamSshd.run("ssh-keygen", "-q", "-s", foreignCa.toString(), "-I", "forged", "-n", user, "-V", "-5m:+1h",
                stranger + ".pub");
        TerminalSsh.Result forged = batch(user, stranger, Path.of(stranger + "-cert.pub"));
        assertFalse(forged.loggedInAs(user), forged.output());
        assertTrue(forged.output().contains("Permission denied (publickey)"), forged.output());
    }

    /**
     * A user who puts their own CA into their authorized_keys ({@code cert-authority}) can sign certificates that
     * sshd accepts: only the realm's CA ({@code ca=}) may skip the link, so this one still gets it.
     */
    @Test
    void aCertificateOfTheUsersOwnCertAuthorityLineStillGetsTheLink() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-ownca", "example.org", false, true);
        Path ownCa = newKey(user + "-own-ca");
        Path key = newKey(user + "-id");
        PamSshd.run("ssh-keygen", "-q", "-s", ownCa.toString(), "-I", "self-signed", "-n", user, "-V", "-5m:+1h",
                key + ".pub");
        assertTrue(Files.exists(Path.of(key + "-cert.pub")), "ssh-keygen signed the key");
        // Only the CA line: the plain key is in no authorized_keys, so sshd can accept nothing but the certificate.
        sshd.account(user, "cert-authority " + Files.readString(Path.of(ownCa + ".pub")).trim());

        TerminalSsh ssh = TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key);
        String prompt = ssh.prompt();
        assertTrue(prompt.contains("Open this link in a browser and log in as " + user), prompt);
        link(prompt);
        String log = sshd.log();
        assertTrue(log.contains("Partial publickey for " + user + " from 127.0.0.1") && log.contains("ED25519-CERT")
                && log.contains("ID self-signed"), "sshd accepted the self-signed certificate: " + log);
        ssh.hangUp();
    }

    @Test
    void plinkGetsTheSameLinkAndLogsIn() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-plink", "example.org", false, true);
        Path key = newKey(user + "-id");
        sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        PlinkTerminal plink = PlinkTerminal.connect(sshd, dir.resolve(user + "-plink"), user, key);
        String prompt = plink.waitFor("Once you have logged in in the browser, press Enter:");
        assertTrue(prompt.contains("Open this link in a browser and log in as " + user), prompt);
        String link = link(prompt);
        assertEquals(link, PromptQr.decode(prompt.replace("| ", "")), "plink shows the same QR code");
        try (Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            logInWithTotp(chromium, new LoginDriver(chromium.managed(), realm), link, user);
        }
        plink.enter();
        // PuTTY asks for Return once more after keyboard-interactive prompts, so a server cannot fake its own.
        plink.waitFor("Press Return to begin session");
        plink.enter();
        String shown = plink.result();
        assertTrue(shown.contains("logged-in-as-" + user), shown);
    }

    @Test
    void theDeviceEndpointsTakeOnlyAPersonsDeviceLoginFromThisGateway() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-api", "example.org", false, true);
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String gateway = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));

        TerminalApi.Reply started = api.call(gateway, "device/start", Map.of("username", user));
        assertEquals(200, started.status(), started.body().toString());
        assertTrue(started.text("instruction").contains(user), started.body().toString());
        assertEquals(user, started.text("login_hint"));

        TerminalApi.Reply anonymous = api.call(null, "device/start", Map.of("username", user));
        assertEquals(401, anonymous.status(), anonymous.body().toString());
        TerminalApi.Reply unknown = api.call(gateway, "device/start", Map.of("username", "nobody-" + user));
        assertEquals(404, unknown.status(), unknown.body().toString());
        assertEquals("This account is not known to the MFA service. Login refused.", unknown.text("message"));

        // The gateway's own client-credentials token is no person's login.
        TerminalApi.Reply foreign = api.call(gateway, "device/finish", Map.of("username", user, "access_token", gateway));
        assertEquals(403, foreign.status(), foreign.body().toString());
        assertEquals("device_token_foreign", foreign.text("error"));
        TerminalApi.Reply invalid = api.call(gateway, "device/finish", Map.of("username", user, "access_token", "x.y.z"));
        assertEquals(401, invalid.status(), invalid.body().toString());
        assertEquals("device_token_invalid", invalid.text("error"));
        TerminalApi.Reply neither = api.call(gateway, "device/finish", Map.of("username", user));
        assertEquals(400, neither.status(), neither.body().toString());
        TerminalApi.Reply denied = api.call(gateway, "device/finish", Map.of("username", user, "error", "access_denied"));
        assertEquals("The login was cancelled in the browser. Login refused.", denied.text("message"));
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN_ERROR").stream()
                .anyMatch(e -> "ssh_terminal_device_denied".equals(e.getError())), "a refusal event");
    }

    /** Password and TOTP in the browser for the link, then the key review and the consent, as a person does. */
    static void logInWithTotp(Chromium chromium, LoginDriver browser, String link, String username) {
        DeviceLogin.openInBrowser(browser, link, username);
        chromium.waitFor(By.id("otp"));
        browser.totp(TestUsers.totpNow());
        if (browser.isPresent(By.id("kc-key-review-approve"))) {
            browser.submit(chromium.driver().findElement(By.id("kc-key-review-approve")));
        }
        if (browser.isPresent(By.id("kc-oauth"))) {
            browser.submit(chromium.driver().findElement(By.id("kc-login")));
        }
        chromium.waitUntil("Keycloak's device success page",
                () -> chromium.driver().getPageSource().contains("Device Login Successful"));
    }

    static String link(String prompt) {
        Matcher link = LINK.matcher(prompt);
        assertTrue(link.find(), "no link in the prompt: " + prompt);
        return link.group(1);
    }

    private Path newKey(String name) throws Exception {
        Path key = dir.resolve(name);
        PamSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        return key;
    }

    private TerminalSsh connect(String user) throws Exception {
        Path key = newKey(user + "-id");
        sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        return TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key);
    }

    /** ssh -o BatchMode=yes: no prompt can be answered, so only a login without one succeeds. */
    private TerminalSsh.Result batch(String user, Path key, Path certificate) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ssh", "-F", "/dev/null",
                "-p", String.valueOf(sshd.port), "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10"));
        if (certificate != null) {
            command.addAll(java.util.List.of("-o", "CertificateFile=" + certificate));
        }
        command.addAll(java.util.List.of(user + "@127.0.0.1", "echo logged-in-as-$(whoami)"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new TerminalSsh.Result(process.exitValue(), output);
    }

    private static boolean helperRunsFor(String user) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "hpc-mfa-terminal .* " + user + " ").start();
        return pgrep.waitFor() == 0;
    }

    private void gatewayAttributes(Map<String, String> attributes) {
        ClientRepresentation gateway = realm.admin().clients().findByClientId("ssh-gateway").get(0);
        Map<String, String> merged = new HashMap<>(gateway.getAttributes());
        merged.putAll(attributes);
        gateway.setAttributes(merged);
        realm.admin().clients().get(gateway.getId()).update(gateway);
    }
}
