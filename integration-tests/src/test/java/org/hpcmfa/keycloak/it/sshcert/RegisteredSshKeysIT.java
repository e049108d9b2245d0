package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Registered SSH keys on a real Keycloak: a person adds, lists and removes keys through {@code /ssh-ca/keys} and
 * with {@code hpc-ssh-cert keys} (real ssh-keygen keys, the device login in Chromium); the admin sees them on the
 * user's credentials; what an attacker or a careless paste would send is refused; and with "only registered keys"
 * the CA certifies registered keys only, saying how to register.
 */
@Needs({OPENSSH_CLIENT, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RegisteredSshKeysIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    LoginDriver browser;
    DeviceLogin device;
    /** TOTP codes spent in this test (every test user has the same TOTP secret). */
    final java.util.Set<String> codes = new java.util.HashSet<>();
    RegisteredKeysApi keys;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        device = new DeviceLogin(realm.getBaseUrl());
        keys = new RegisteredKeysApi(realm.getBaseUrl(), realm.getName());
        // One login signs several keys here; binding a login to one key is KeyBindingIT's subject.
        SshAdminApi.configure(realm, Map.of("require-key-binding", List.of("false")));
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("only-registered-keys", List.of("false"),
                "allowed-clients", List.of("ssh-cli", "ssh-gateway"), "require-key-binding", List.of("true")));
    }

    /** A person's device-login token of ssh-cli, with every factor the realm's flow asks for. */
    private String personToken(String username) throws Exception {
        return personToken(username, null);
    }

    /** The same, the login naming {@code publicKey} (the key review binds the token to it); null: the default key. */
    private String personToken(String username, String publicKey) throws Exception {
        JsonNode started = publicKey == null ? device.start("ssh-cli", null) : device.start("ssh-cli", null, publicKey);
        RegisteredKeysApi.approve(browser, started.get("verification_uri_complete").asText(), username, codes, mail);
        return device.poll("ssh-cli", null, started.get("device_code").asText());
    }

    private static void assertRefused(DeviceLogin.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.body().get("error").asText(), String.valueOf(reply.body()));
        assertTrue(reply.body().get("error_description").asText().length() > 10, "no explanation: " + reply.body());
        assertTrue(!reply.body().toString().contains("org.") && !reply.body().toString().contains("Exception"),
                "no Java names in errors: " + reply.body());
    }

    @Test
    void aPersonAddsListsAndRemovesKeysAndTheAdminSeesThem() throws Exception {
        String alice = TestUsers.create(realm.admin(), "keys-alice", "example.org", true, true);
        String aliceId = TestUsers.id(realm.admin(), alice);
        String laptop = RegisteredKeysApi.keygen(dir, "laptop");
        String token = personToken(alice);

        assertRefused(keys.list(null), 401, "missing_token");
        assertEquals(0, keys.list(token).body().get("keys").size());

        DeviceLogin.Reply added = keys.add(token, laptop);
        assertEquals(201, added.status(), String.valueOf(added.body()));
        String fingerprint = RegisteredKeysApi.fingerprint(dir, "laptop");
        assertEquals(fingerprint, added.body().get("fingerprint").asText(), "the fingerprint ssh-keygen -l shows");
        assertEquals("laptop", added.body().get("label").asText());
        assertEquals("ssh-ed25519", added.body().get("type").asText());
        String keyId = added.body().get("id").asText();
        JsonNode listed = keys.list(token).body().get("keys");
        assertEquals(1, listed.size());
        assertEquals(fingerprint, listed.get(0).get("fingerprint").asText());

        // The admin console's Credentials tab reads this: type, label, and the key's data (no secret).
        List<CredentialRepresentation> credentials = realm.admin().users().get(aliceId).credentials();
        CredentialRepresentation stored = credentials.stream().filter(c -> "hpc-ssh-key".equals(c.getType()))
                .findFirst().orElseThrow(() -> new AssertionError("no hpc-ssh-key credential: " + credentials));
        assertEquals("laptop", stored.getUserLabel());
        assertEquals(keyId, stored.getId());
        assertTrue(stored.getCredentialData().contains(fingerprint), stored.getCredentialData());

        // What is refused: the same key again, malformed lines, keys the CA would not sign, several keys, huge bodies.
        assertRefused(keys.add(token, laptop), 409, "key_already_registered");
        assertRefused(keys.add(token, "ssh-ed25519 not-base64!! x"), 400, "invalid_public_key");
        assertRefused(keys.add(token, "ssh-dss AAAAB3NzaC1kc3MAAACBAP x"), 400, "invalid_public_key");
        assertRefused(keys.add(token, RegisteredKeysApi.keygen(dir, "small", "-t", "rsa", "-b", "1024")), 400,
                "invalid_public_key");
        assertRefused(keys.add(token, Files.readString(dir.resolve("laptop")).trim()), 400, "invalid_public_key");
        assertRefused(keys.add(token, RegisteredKeysApi.keygen(dir, "a") + "\n" + RegisteredKeysApi.keygen(dir, "b")),
                400, "invalid_public_key");
        assertRefused(keys.addRaw(token, "{\"public_key\":\"ssh-ed25519 " + "A".repeat(200_000) + "\"}"), 413, "too_large");
        assertRefused(keys.addRaw(token, "{\"public_key\": 1, \"other\": true}"), 400, "invalid_request");
        assertEquals(1, keys.list(token).body().get("keys").size(), "nothing refused was stored");

        // Another person cannot see or remove Alice's key, by id or by fingerprint.
        String mallory = TestUsers.create(realm.admin(), "keys-mallory", "example.org", true, true);
        String malloryToken = personToken(mallory);
        assertEquals(0, keys.list(malloryToken).body().get("keys").size());
        assertRefused(keys.removeById(malloryToken, keyId), 404, "key_not_found");
        assertRefused(keys.removeByFingerprint(malloryToken, fingerprint), 404, "key_not_found");
        assertEquals(1, keys.list(token).body().get("keys").size(), "Alice's key is still there");
        // Mallory may register the same public key (it proves nothing without its private key): no oracle.
        assertEquals(201, keys.add(malloryToken, laptop).status());

        DeviceLogin.Reply removed = keys.removeByFingerprint(token, fingerprint);
        assertEquals(200, removed.status(), String.valueOf(removed.body()));
        assertEquals(keyId, removed.body().get("removed").get("id").asText());
        assertEquals(0, keys.list(token).body().get("keys").size());
        assertTrue(realm.admin().users().get(aliceId).credentials().stream().noneMatch(c -> "hpc-ssh-key".equals(c.getType())));
        assertRefused(keys.removeById(token, keyId), 404, "key_not_found");

        List<EventRepresentation> added_ = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, aliceId,
                null, null, null, 0, 50);
        assertTrue(added_.stream().anyMatch(e -> "hpc-ssh-key".equals(e.getDetails().get("credential_type"))
                && fingerprint.equals(e.getDetails().get("key_fingerprint"))), "no event for the added key: " + added_);
        List<EventRepresentation> gone = realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, aliceId,
                null, null, null, 0, 50);
        assertTrue(gone.stream().anyMatch(e -> fingerprint.equals(e.getDetails().get("key_fingerprint"))), "no removal event");
        List<EventRepresentation> refused = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, aliceId,
                null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> "ssh_key_already_registered".equals(e.getError())), "no refusal event");
    }

    @Test
    void oneFactorIsNotEnoughToRegisterAKey() throws Exception {
        // A password-only token of a client the realm allows (a user without TOTP, so the realm's direct grant
        // gives one): whoever guessed a password cannot add their key.
        String user = TestUsers.create(realm.admin(), "keys-pwd", "example.org", true);
        ClientRepresentation passwordClient = new ClientRepresentation();
        passwordClient.setClientId("keys-password-test");
        passwordClient.setPublicClient(true);
        passwordClient.setDirectAccessGrantsEnabled(true);
        try (Response created = realm.admin().clients().create(passwordClient)) {
            assertEquals(201, created.getStatus());
        }
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway", "keys-password-test")));
        String pwd = device.post("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "keys-password-test", "username", user, "password", TestUsers.PASSWORD))
                .body().get("access_token").asText();
        DeviceLogin.Reply refused = keys.add(pwd, RegisteredKeysApi.keygen(dir, "attacker"));
        assertRefused(refused, 403, "mfa_required");
        assertEquals(0, realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .filter(c -> "hpc-ssh-key".equals(c.getType())).count());
    }

    @Test
    void onlyRegisteredKeysGetCertificates() throws Exception {
        SshAdminApi.configure(realm, Map.of("only-registered-keys", List.of("true")));
        String user = TestUsers.create(realm.admin(), "keys-only", "example.org", true, true);
        String registered = RegisteredKeysApi.keygen(dir, "registered");
        String other = RegisteredKeysApi.keygen(dir, "other");
        String token = personToken(user, registered);
        assertEquals(201, keys.add(token, registered).status());

        DeviceLogin.Reply refused = device.sign(token, RegisteredKeysApi.signBody(other, null));
        assertRefused(refused, 403, "key_not_registered");
        String text = refused.body().get("error_description").asText();
        assertTrue(text.contains(RegisteredKeysApi.fingerprint(dir, "other")), text);
        assertTrue(text.contains("Register this key first: hpc-ssh-cert keys add"), text);

        DeviceLogin.Reply signed = device.sign(token, RegisteredKeysApi.signBody(registered, null));
        assertEquals(200, signed.status(), String.valueOf(signed.body()));
        assertTrue(signed.body().get("certificate").asText().startsWith("ssh-ed25519-cert-v01@openssh.com "));

        // The CLI shows the server's text and what to do, with the key's own .pub path.
        Path key = dir.resolve("other");
        try (CertificateCommand cli = CertificateCommand.start(realm.getName(), Map.of(), "--key", key.toString())) {
            RegisteredKeysApi.approve(browser, cli.loginUrl(), user, codes, mail);
            assertEquals(3, cli.finish(), cli.transcript());
            assertTrue(cli.transcript().contains("Error: no certificate (key_not_registered).\n"), cli.transcript());
            assertTrue(cli.transcript().contains("  What to do: Register this key first: hpc-ssh-cert keys add "
                    + key + ".pub\n"), cli.transcript());
        }
    }

    @Test
    void hpcSshCertKeysAddListRm() throws Exception {
        String user = TestUsers.create(realm.admin(), "keys-cli", "example.org", true, true);
        Path key = dir.resolve("id_ed25519");
        RegisteredKeysApi.keygen(dir, "id_ed25519");
        String fingerprint = RegisteredKeysApi.fingerprint(dir, "id_ed25519");
        String home = Files.createDirectories(dir.resolve("home")).toString();

        try (CertificateCommand add = CertificateCommand.start(realm.getName(), Map.of("HOME", home),
                "--key", key.toString(), "keys", "add")) {
            RegisteredKeysApi.approve(browser, add.loginUrl(), user, codes, mail);
            assertEquals(0, add.finish(), add.transcript());
            assertTrue(add.transcript().endsWith("Registered " + fingerprint + " (id_ed25519).\n"), add.transcript());
        }
        try (CertificateCommand list = CertificateCommand.start(realm.getName(), Map.of("HOME", home),
                "--key", key.toString(), "keys", "list")) {
            RegisteredKeysApi.approve(browser, list.loginUrl(), user, codes, mail);
            assertEquals(0, list.finish(), list.transcript());
            assertTrue(list.transcript().contains("Your registered SSH keys (1):\n  " + fingerprint + "  ssh-ed25519  id_ed25519  (id "),
                    list.transcript());
        }
        // Removing by the .pub file: the CLI computes the fingerprint.
        try (CertificateCommand rm = CertificateCommand.start(realm.getName(), Map.of("HOME", home),
                "keys", "rm", key + ".pub")) {
            RegisteredKeysApi.approve(browser, rm.loginUrl(), user, codes, mail);
            assertEquals(0, rm.finish(), rm.transcript());
            assertTrue(rm.transcript().endsWith("Removed " + fingerprint + " (id_ed25519).\n"), rm.transcript());
        }
        assertTrue(realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .noneMatch(c -> "hpc-ssh-key".equals(c.getType())));

        try (CertificateCommand wrong = CertificateCommand.start(realm.getName(), Map.of("HOME", home), "keys", "rm")) {
            assertEquals(2, wrong.finish(), wrong.transcript());
            assertTrue(wrong.transcript().contains("keys rm needs the key"), wrong.transcript());
        }
    }
}
