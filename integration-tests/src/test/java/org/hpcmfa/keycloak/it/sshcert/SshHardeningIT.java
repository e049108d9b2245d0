package org.hpcmfa.keycloak.it.sshcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;

/** What an attacker tries against sign and the terminal API: odd bodies, another gateway's handle, self-made principals. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshHardeningIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What a Java type or stack trace in an answer looks like. */
    private static final Pattern JAVA = Pattern.compile("(java|javax|jakarta|org|com)\\.[a-z]+\\.|Exception|\\bclass\\b|`");
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl hardening";

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    private record Raw(int status, String contentType, String body) {
    }

    private Raw post(String path, String bearer, String contentType, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + path))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Raw(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private String mfaToken(String user) throws Exception {
        DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = device.start("ssh-cli", null);
        DeviceLogin.approveInBrowser(new LoginDriver(driver, realm), started.get("verification_uri_complete").asText(), user);
        return device.poll("ssh-cli", null, started.get("device_code").asText());
    }

    @Test
    void malformedBodiesGetAJsonErrorWithoutJavaNames() throws Exception {
        String user = TestUsers.create(realm.admin(), "hard-body", "example.org", true, true);
        String userToken = mfaToken(user);
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String gatewayToken = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        List<String> bodies = List.of("", " ", "null", "[]", "42", "{", "{\"public_key\":", "not json", "{\"x\":1}",
                "{\"ttl\":\"soon\"}", "{\"principals\":[{}]}", "{\"handle\":[]}", "{\"username\":{}}",
                "{\"public_key\":\"" + "A".repeat(200_000) + "\"}", "[".repeat(3000) + "]".repeat(3000));
        Map<String, String> endpoints = Map.of("/ssh-ca/sign", userToken, "/ssh-terminal/start", gatewayToken,
                "/ssh-terminal/finish", gatewayToken);
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            for (String body : bodies) {
                Raw answer = post(endpoint.getKey(), endpoint.getValue(), "application/json", body);
                String what = endpoint.getKey() + " <- " + body.substring(0, Math.min(body.length(), 40)) + ": "
                        + answer.status() + " " + answer.body();
                assertTrue(answer.status() == 400 || answer.status() == 413, what);
                assertTrue(answer.contentType().startsWith("application/json"), what);
                JsonNode json = JsonSerialization.readValue(answer.body(), JsonNode.class);
                assertTrue(Set.of("invalid_request", "request_too_large").contains(json.path("error").asText()), what);
                assertFalse(JAVA.matcher(answer.body()).find(), what);
            }
            // Not JSON at all: refused by the framework, still without a Java name.
            Raw plain = post(endpoint.getKey(), endpoint.getValue(), "text/plain", "{}");
            assertEquals(415, plain.status(), plain.body());
            assertFalse(JAVA.matcher(plain.body()).find(), plain.body());
        }
        // The sign request of a well-formed body still works with the same token.
        assertEquals(200, new DeviceLogin(realm.getBaseUrl()).sign(userToken, "{\"public_key\":\"" + KEY + "\"}").status());
    }

    @Test
    void aHandleOfGatewayAIsNeitherUsableNorSpoiledByGatewayB() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String gatewayA = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        ClientRepresentation other = new ClientRepresentation();
        other.setClientId("gateway-b");
        other.setSecret("gateway-b-secret");
        other.setPublicClient(false);
        other.setServiceAccountsEnabled(true);
        other.setStandardFlowEnabled(false);
        try (Response created = realm.admin().clients().create(other)) {
            assertEquals(201, created.getStatus());
        }
        String id = realm.admin().clients().findByClientId("gateway-b").get(0).getId();
        String serviceAccount = realm.admin().clients().get(id).getServiceAccountUser().getId();
        RoleRepresentation role = realm.admin().roles().get("ssh-gateway").toRepresentation();
        realm.admin().users().get(serviceAccount).roles().realmLevel().add(List.of(role));
        String gatewayB = api.gatewayToken("gateway-b", "gateway-b-secret");

        String user = TestUsers.create(realm.admin(), "hard-handle", "example.org", false, true);
        TerminalApi.Reply started = api.start(gatewayA, user);
        assertEquals(200, started.status(), started.body().toString());
        String handle = started.text("handle");

        TerminalApi.Reply stolen = api.finish(gatewayB, handle, TestUsers.totpNow());
        assertEquals(400, stolen.status(), stolen.body().toString());
        assertEquals("invalid_handle", stolen.text("error"));
        assertTrue(stolen.text("error_description").contains("belongs to another gateway"), stolen.body().toString());

        TerminalApi.Reply rightful = api.finish(gatewayA, handle, TestUsers.totpNow());
        assertEquals(200, rightful.status(), "gateway B spoiled A's handle: " + rightful.body());
        assertEquals(user, rightful.text("username"));
        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), "gateway-b", null, null,
                null, null, 0, 10);
        assertTrue(errors.stream().anyMatch(e -> "ssh_terminal_invalid_handle".equals(e.getError())), "no event for B's attempt");
    }

    @Test
    void aPrincipalsAttributeUsersCanEditThemselvesStopsTheCa() throws Exception {
        String user = TestUsers.create(realm.admin(), "hard-principal", "example.org", true, true);
        String userId = TestUsers.id(realm.admin(), user);
        UPConfig before = realm.admin().users().userProfile().getConfiguration();
        // The CA is set up first, while the attribute is nobody's to edit; the realm's user profile changes later.
        SshAdminApi.configure(realm, Map.of("principals-attribute", List.of("cluster-login")));
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        UPAttribute attribute = new UPAttribute("cluster-login");
        attribute.setDisplayName("Cluster login");
        attribute.setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin", "user")));
        profile.addOrReplaceAttribute(attribute);
        try {
            realm.admin().users().userProfile().update(profile);
            var rep = realm.admin().users().get(userId).toRepresentation();
            rep.singleAttribute("cluster-login", "root");
            realm.admin().users().get(userId).update(rep);

            String token = mfaToken(user);
            DeviceLogin device = new DeviceLogin(realm.getBaseUrl());
            DeviceLogin.Reply refused = device.sign(token, "{\"public_key\":\"" + KEY + "\"}");
            assertEquals(403, refused.status(), refused.body().toString());
            assertEquals("principals_attribute_editable", refused.body().get("error").asText());
            assertTrue(refused.body().get("error_description").asText().contains("'cluster-login'"), refused.body().toString());
            assertTrue(realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), null, userId, null, null, null, 0, 10)
                    .stream().anyMatch(e -> "ssh_cert_principals_attribute_editable".equals(e.getError())), "no refusal event");

            // Saving the CA while the attribute is user-editable is refused too, saying why.
            BadRequestException saved = assertThrows(BadRequestException.class,
                    () -> SshAdminApi.configure(realm, Map.of("max-certificates-per-hour", List.of("20"))));
            assertTrue(saved.getResponse().readEntity(String.class).contains("can be edited by users themselves"));

            // Admin-only: the attribute's values are principals again.
            attribute.setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
            profile.addOrReplaceAttribute(attribute);
            realm.admin().users().userProfile().update(profile);
            DeviceLogin.Reply signed = device.sign(token, "{\"public_key\":\"" + KEY + "\"}");
            assertEquals(200, signed.status(), signed.body().toString());
            assertEquals("[\"" + user + "\",\"root\"]", signed.body().get("principals").toString());

            // Not declared, but the realm lets users edit unmanaged attributes: refused as well.
            profile.removeAttribute("cluster-login");
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            realm.admin().users().userProfile().update(profile);
            assertEquals(403, device.sign(token, "{\"public_key\":\"" + KEY + "\"}").status());
        } finally {
            realm.admin().users().userProfile().update(before);
            SshAdminApi.configure(realm, Map.of("principals-attribute", List.of("")));
        }
    }
}
