package org.hpcmfa.keycloak.it.sshcert;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/** Every rule of POST sign, each refusal naming the rule. */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshSignRulesIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @TempDir
    Path dir;

    LoginDriver browser;
    DeviceLogin device;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        device = new DeviceLogin(realm.getBaseUrl());
    }

    @AfterEach
    void demoPolicy() {
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway"),
                "max-auth-age-seconds", List.of("900"), "max-certificates-per-hour", List.of("20"),
                "require-key-binding", List.of("true")));
    }

    /** A device-grant token whose login named {@code publicKey}: it signs only that key. */
    private String mfaToken(String username, String publicKey) throws Exception {
        JsonNode started = device.start("ssh-cli", null, publicKey);
        DeviceLogin.approveInBrowser(browser, started.get("verification_uri_complete").asText(), username);
        return device.poll("ssh-cli", null, started.get("device_code").asText());
    }

    private String key(String name, String... type) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-f", dir.resolve(name).toString()));
        command.addAll(List.of(type));
        Sshd.run(command, Map.of());
        return Files.readString(dir.resolve(name + ".pub")).trim();
    }

    private static String body(String publicKey, String extra) {
        return "{\"public_key\":\"" + publicKey + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    private void assertRefused(DeviceLogin.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.body().get("error").asText(), String.valueOf(reply.body()));
        assertTrue(reply.body().get("error_description").asText().length() > 10, "no explanation: " + reply.body());
    }

    @Test
    void tokensAndCallersThatMayNotHaveACertificate() throws Exception {
        String user = TestUsers.create(realm.admin(), "ssh-rules", "example.org", true, true);
        String ed = key("ed", "-t", "ed25519");
        assertRefused(device.sign(null, body(ed, null)), 401, "missing_token");
        assertRefused(device.sign("garbage", body(ed, null)), 401, "invalid_token");

        // A password-only token of a client the realm allows: no second factor behind it.
        ClientRepresentation passwordClient = new ClientRepresentation();
        passwordClient.setClientId("ssh-password-test");
        passwordClient.setPublicClient(true);
        passwordClient.setDirectAccessGrantsEnabled(true);
        try (Response created = realm.admin().clients().create(passwordClient)) {
            assertEquals(201, created.getStatus());
        }
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway", "ssh-password-test")));
        // (Its own user without TOTP: the realm's direct grant would ask a user with TOTP for the code.)
        String passwordOnly = TestUsers.create(realm.admin(), "ssh-rules-pwd", "example.org", true);
        JsonNode pwd = device.post("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "ssh-password-test", "username", passwordOnly, "password", TestUsers.PASSWORD)).body();
        DeviceLogin.Reply noMfa = device.sign(pwd.get("access_token").asText(), body(ed, null));
        assertRefused(noMfa, 403, "mfa_required");
        String why = noMfa.body().get("error_description").asText();
        assertTrue(why.startsWith("Access requires MFA: the login proved no") && why.contains("no second factor"), why);

        String token = mfaToken(user, ed);
        assertEquals(200, device.sign(token, body(ed, null)).status());

        // The same MFA token from a client the realm does not allow.
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-gateway")));
        assertRefused(device.sign(token, body(ed, null)), 403, "client_not_allowed");
        SshAdminApi.configure(realm, Map.of("allowed-clients", List.of("ssh-cli", "ssh-gateway")));

        // auth_time older than the realm allows.
        SshAdminApi.configure(realm, Map.of("max-auth-age-seconds", List.of("1")));
        Thread.sleep(2_100);
        assertRefused(device.sign(token, body(ed, null)), 403, "authentication_too_old");
        SshAdminApi.configure(realm, Map.of("max-auth-age-seconds", List.of("900")));

        // Logged out: the token's session is gone.
        realm.admin().users().get(TestUsers.id(realm.admin(), user)).logout();
        assertRefused(device.sign(token, body(ed, null)), 401, "token_not_active");

        List<EventRepresentation> refused = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null,
                TestUsers.id(realm.admin(), passwordOnly), null, null, null, 0, 50);
        assertTrue(refused.stream().anyMatch(e -> "ssh_cert_mfa_required".equals(e.getError())), "no refusal event");
    }

    @Test
    void keysPrincipalsLifetimesAndRateLimit() throws Exception {
        // Many keys with one token: a realm without key binding, and a login that names no key.
        SshAdminApi.configure(realm, Map.of("max-certificates-per-hour", List.of("4"),
                "require-key-binding", List.of("false")));
        String user = TestUsers.create(realm.admin(), "ssh-keys", "example.org", true, true);
        String token = mfaToken(user, null);
        String ed = key("ed2", "-t", "ed25519");

        assertRefused(device.sign(token, body("ssh-dss AAAAB3NzaC1kc3MAAACBAP", null)), 400, "invalid_public_key");
        assertRefused(device.sign(token, body(key("rsa1024", "-t", "rsa", "-b", "1024"), null)), 400, "invalid_public_key");
        assertRefused(device.sign(token, body("ssh-ed25519 not-base64!!", null)), 400, "invalid_public_key");
        assertRefused(device.sign(token, "{\"public_key\": 42, \"unexpected\": true}"), 400, "invalid_request");
        assertEquals(200, device.sign(token, body(key("rsa3072", "-t", "rsa", "-b", "3072"), null)).status());
        assertEquals(200, device.sign(token, body(key("p384", "-t", "ecdsa", "-b", "384"), null)).status());

        assertRefused(device.sign(token, body(ed, "\"principals\":[\"" + user + ",root\"]")), 400, "invalid_principal");
        assertRefused(device.sign(token, body(ed, "\"principals\":[\"root\"]")), 403, "principal_not_allowed");
        assertRefused(device.sign(token, body(ed, "\"principals\":[\"a b\"]")), 400, "invalid_principal");
        JsonNode narrowed = device.sign(token, body(ed, "\"principals\":[\"" + user + "\"]")).body();
        assertEquals(user, narrowed.get("principals").get(0).asText());

        assertRefused(device.sign(token, body(ed, "\"ttl\":100000")), 400, "ttl_too_long");
        JsonNode hour = device.sign(token, body(ed, null)).body();
        long lifetime = hour.get("valid_before").asLong() - hour.get("valid_after").asLong();
        assertEquals(3600 + 60, lifetime, "default 1 h, backdated 60 s");

        // Four certificates this hour (refused requests do not count): the cap of four refuses the fifth.
        DeviceLogin.Reply limited = device.sign(token, body(ed, null));
        assertRefused(limited, 429, "rate_limited");

        // A disabled user's tokens stop working at once.
        var userResource = realm.admin().users().get(TestUsers.id(realm.admin(), user));
        var rep = userResource.toRepresentation();
        rep.setEnabled(false);
        userResource.update(rep);
        assertRefused(device.sign(token, body(ed, null)), 401, "token_not_active");
    }
}
