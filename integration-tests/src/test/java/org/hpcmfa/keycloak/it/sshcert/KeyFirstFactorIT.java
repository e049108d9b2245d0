package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.common.util.Time;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * "Registered key + second factor" on a real Keycloak: a login without a password (username, the flow step
 * "Registered SSH key (first factor)", TOTP) gets a certificate only when the sign request carries a fresh
 * {@code ssh-keygen -Y sign} proof by the registered key being certified; a missing, foreign, stale, replayed or
 * unregistered-key proof is refused; the key without the second factor gets nothing; the realm's CA decides whether
 * the mode exists at all; and hpc-ssh-cert does all of it by itself.
 */
@Needs({OPENSSH_CLIENT, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class KeyFirstFactorIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    LoginDriver browser;
    DeviceLogin device;
    RegisteredKeysApi keys;
    final Set<String> codes = new HashSet<>();

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        device = new DeviceLogin(realm.getBaseUrl());
        keys = new RegisteredKeysApi(realm.getBaseUrl(), realm.getName());
        KeyFirstFlows.ensure(realm);
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("registered-key-first-factor", List.of("false"),
                "allowed-clients", List.of("ssh-cli", "ssh-gateway"), "require-key-binding", List.of("true")));
    }

    /** A person with TOTP and the registered key {@code keyName} (generated here). */
    private String personWithKey(String keyName) throws Exception {
        String line = RegisteredKeysApi.keygen(dir, keyName);
        return TestUsers.create(realm.admin(), "keyfirst", "example.org", true,
                List.of(TestUsers.totpCredential("phone"), RegisteredKeysApi.credential(line, keyName)));
    }

    /** The device login of {@code clientId}: the username, no password, then TOTP if asked. */
    private String keyFirstToken(String clientId, String username, boolean totp) throws Exception {
        JsonNode started = device.start(clientId, null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), username);
        assertFalse(browser.isPresent(By.id("password")), "no password in this flow: " + browser.pageSource());
        if (totp) {
            assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());
            browser.totp(RegisteredKeysApi.unusedCode(codes));
        }
        if (browser.isPresent(By.id("kc-oauth"))) {
            browser.driver().findElement(By.id("kc-login")).click();
        }
        return device.poll(clientId, null, started.get("device_code").asText());
    }

    private static void assertRefused(DeviceLogin.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.body().get("error").asText(), String.valueOf(reply.body()));
        assertTrue(reply.body().get("error_description").asText().length() > 10, "no explanation: " + reply.body());
    }

    private String line(String keyName) throws Exception {
        return Files.readString(dir.resolve(keyName + ".pub")).trim();
    }

    @Test
    void keyPlusTotpGetsACertificateOnlyWithAFreshProofOfTheRegisteredKey() throws Exception {
        String user = personWithKey("laptop");
        RegisteredKeysApi.keygen(dir, "other");
        String laptop = line("laptop");
        String token = keyFirstToken(KeyFirstFlows.KEY_CLIENT, user, true);
        long now = Time.currentTime();

        DeviceLogin.Reply noProof = device.sign(token, RegisteredKeysApi.signBody(laptop, null));
        assertRefused(noProof, 403, "key_proof_required");
        assertTrue(noProof.body().get("error_description").asText().startsWith("Access requires MFA"), noProof.body().toString());

        // Signed by another key than the one to certify.
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(laptop, keys.proof(dir, "other", token, laptop, now))),
                403, "invalid_key_proof");
        // A good signature by a key the person never registered proves no factor.
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(line("other"),
                keys.proof(dir, "other", token, line("other"), now))), 403, "key_proof_required");
        // Made for another login (another token), or long ago.
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(laptop, keys.proof(dir, "laptop", "another-token",
                laptop, now))), 403, "invalid_key_proof");
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(laptop, keys.proof(dir, "laptop", token, laptop,
                now - 3600))), 403, "key_proof_expired");
        assertRefused(device.sign(token, "{\"public_key\":\"" + laptop + "\",\"key_proof\":{\"signature\":\"garbage\","
                + "\"time\":" + now + "}}"), 400, "invalid_key_proof");

        String proof = keys.proof(dir, "laptop", token, laptop, now);
        DeviceLogin.Reply signed = device.sign(token, RegisteredKeysApi.signBody(laptop, proof));
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        assertEquals("verified", signed.body().get("mfa").asText());
        Path cert = dir.resolve("laptop-cert.pub");
        Files.writeString(cert, signed.body().get("certificate").asText() + "\n");
        String listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", cert.toString()), Map.of()).output();
        assertTrue(listed.contains(RegisteredKeysApi.fingerprint(dir, "laptop")), listed);

        // The same proof again (a recorded request replayed): refused, cluster-wide single use.
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(laptop, proof)), 403, "key_proof_replayed");

        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), user), null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> "ssh_cert_key_proof_required".equals(e.getError())), "no refusal event");
        assertTrue(refused.stream().anyMatch(e -> "ssh_cert_key_proof_replayed".equals(e.getError())), "no replay event");
    }

    @Test
    void theKeyWithoutTheSecondFactorGetsNothing() throws Exception {
        // A thief with the laptop (the private key) but not the phone, and a flow an admin left without TOTP.
        String user = personWithKey("stolen");
        String stolen = line("stolen");
        String token = keyFirstToken(KeyFirstFlows.KEY_ONLY_CLIENT, user, false);
        DeviceLogin.Reply refused = device.sign(token, RegisteredKeysApi.signBody(stolen,
                keys.proof(dir, "stolen", token, stolen, Time.currentTime())));
        assertRefused(refused, 403, "mfa_required");
        // Nor can that login register a further key.
        assertRefused(keys.add(token, RegisteredKeysApi.keygen(dir, "thief")), 403, "mfa_required");
    }

    @Test
    void theRealmDecidesWhetherAKeyMayReplaceThePassword() throws Exception {
        String user = personWithKey("desk");
        String desk = line("desk");
        String token = keyFirstToken(KeyFirstFlows.KEY_CLIENT, user, true);

        SshAdminApi.configure(realm, Map.of("registered-key-first-factor", List.of("false")));
        assertRefused(device.sign(token, RegisteredKeysApi.signBody(desk, keys.proof(dir, "desk", token, desk,
                Time.currentTime()))), 403, "key_first_factor_not_allowed");

        // Switched off, the flow step stops the login in the browser and says why.
        JsonNode started = device.start(KeyFirstFlows.KEY_CLIENT, null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        assertTrue(browser.pageSource().contains("does not accept an SSH key instead of your password"), browser.pageSource());

        // Switched on, a person without a registered key learns that at the browser, not at the terminal.
        SshAdminApi.configure(realm, Map.of("registered-key-first-factor", List.of("true")));
        String keyless = TestUsers.create(realm.admin(), "keyless", "example.org", true, true);
        JsonNode again = device.start(KeyFirstFlows.KEY_CLIENT, null);
        DeviceLogin.openInBrowser(browser, again.get("verification_uri_complete").asText(), keyless);
        assertTrue(browser.pageSource().contains("You have no registered SSH key"), browser.pageSource());
    }

    @Test
    void hpcSshCertProvesTheKeyByItself() throws Exception {
        String user = personWithKey("id_ed25519");
        Path key = dir.resolve("id_ed25519");
        try (CertificateCommand cli = CertificateCommand.start(realm.getName(), Map.of(),
                "--client-id", KeyFirstFlows.KEY_CLIENT, "--key", key.toString())) {
            String url = cli.loginUrl();
            DeviceLogin.openInBrowser(browser, url, user);
            assertFalse(browser.isPresent(By.id("password")));
            browser.totp(RegisteredKeysApi.unusedCode(codes));
            if (browser.isPresent(By.id("kc-oauth"))) {
                browser.driver().findElement(By.id("kc-login")).click();
            }
            assertEquals(0, cli.finish(), cli.transcript());
            assertTrue(cli.transcript().contains("Generating SSH certificate...\nProving that you hold the registered key...\n"),
                    cli.transcript());
            assertTrue(cli.transcript().contains("  Multi-factor authentication: verified\n"), cli.transcript());
        }
        String listed = Sshd.run(List.of("ssh-keygen", "-L", "-f", key + "-cert.pub"), Map.of()).output();
        assertTrue(listed.matches("(?s).*Principals:\\s+" + user + "\\s.*"), listed);
    }
}
