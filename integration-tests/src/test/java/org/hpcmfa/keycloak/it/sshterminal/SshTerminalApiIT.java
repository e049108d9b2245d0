package org.hpcmfa.keycloak.it.sshterminal;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The gateway API's own rules: who may call it, single-use handles, events, and a certificate on success. */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshTerminalApiIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void aHandleWorksOnceAndEveryAttemptIsAnEvent() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String user = TestUsers.create(realm.admin(), "ta-once", "example.org", false, true);

        TerminalApi.Reply started = api.start(token, user);
        assertEquals(200, started.status(), started.body().toString());
        assertEquals(120, started.body().get("expires_in").asInt());
        String handle = started.text("handle");

        TerminalApi.Reply finished = api.finish(token, handle, TestUsers.totpNow());
        assertEquals(200, finished.status(), finished.body().toString());
        assertEquals("ok", finished.text("result"));
        assertEquals(user, finished.text("username"));

        TerminalApi.Reply again = api.finish(token, handle, TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        assertEquals(400, again.status(), again.body().toString());
        assertEquals("invalid_handle", again.text("error"));
        assertTrue(again.text("message").contains("expired or was already used"), again.body().toString());

        String userId = TestUsers.id(realm.admin(), user);
        assertTrue(PushAdmin.events(realm.admin(), userId, "LOGIN").stream()
                .anyMatch(e -> "ssh-gateway".equals(e.getClientId())
                        && "192.0.2.10".equals(e.getDetails().get("remote_address"))), "the success event");
        assertTrue(PushAdmin.events(realm.admin(), null, "LOGIN_ERROR").stream()
                .anyMatch(e -> "ssh_terminal_invalid_handle".equals(e.getError())), "the reuse is an event too");
    }

    @Test
    void enterBeforeThePhonesApprovalWaitsForIt() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String user = TestUsers.create(realm.admin(), "ta-wait", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user);
        TerminalApi.Reply started = api.start(token, user);
        assertEquals(200, started.status(), started.body().toString());
        Matcher number = Pattern.compile("choose (\\d\\d)").matcher(started.text("prompt"));
        // hpc-mfa-terminal sends the empty answer with "wait": Keycloak holds it until the phone answers.
        CompletableFuture<TerminalApi.Reply> enter = CompletableFuture.supplyAsync(() -> {
            try {
                return api.call(token, "finish", Map.of("handle", started.text("handle"), "answer", "", "wait", "10"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertTrue(phone.approve(phone.poll().get(0), number.find() ? number.group(1) : null).value());
        long approvedAt = System.nanoTime();
        TerminalApi.Reply finished = enter.get(20, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - approvedAt) / 1_000_000;
        assertEquals(200, finished.status(), finished.body().toString());
        assertEquals("ok", finished.text("result"));
        System.out.println("BENCH terminal prompt approve-to-login (Enter first, waiting finish): " + millis + " ms");
        assertTrue(millis < 2000, "the waiting finish learned of the approval after " + millis + " ms");
    }

    @Test
    void theGatewaysCredentialsAreRequired() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String user = TestUsers.create(realm.admin(), "ta-creds", "example.org", false, true);

        TerminalApi.Reply none = api.start(null, user);
        assertEquals(401, none.status());
        assertEquals("missing_token", none.text("error"));
        assertEquals(401, api.start("not-a-token", user).status());

        // A confidential client of its own, but without the gateway role.
        ClientRepresentation other = new ClientRepresentation();
        other.setClientId("not-a-gateway");
        other.setSecret("not-a-gateway-secret");
        other.setPublicClient(false);
        other.setServiceAccountsEnabled(true);
        other.setStandardFlowEnabled(false);
        try (Response created = realm.admin().clients().create(other)) {
            assertEquals(201, created.getStatus());
        }
        TerminalApi.Reply noRole = api.start(api.gatewayToken("not-a-gateway", "not-a-gateway-secret"), user);
        assertEquals(403, noRole.status(), noRole.body().toString());
        assertEquals("gateway_not_allowed", noRole.text("error"));
        assertTrue(noRole.text("error_description").contains("ssh-gateway"), noRole.body().toString());
    }

    @Test
    void aPublicKeySentWithTheAnswerGetsACertificateSshKeygenReads() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String user = TestUsers.create(realm.admin(), "ta-cert", "example.org", false, true);
        PamSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString());
        String publicKey = Files.readString(dir.resolve("id.pub")).trim();

        TerminalApi.Reply started = api.start(token, user);
        TerminalApi.Reply finished = api.call(token, "finish", Map.of("handle", started.text("handle"),
                "answer", TestUsers.totpNow(), "public_key", publicKey));
        assertEquals(200, finished.status(), finished.body().toString());
        String certificate = finished.text("certificate");
        assertTrue(certificate.startsWith("ssh-ed25519-cert-v01@openssh.com "), finished.body().toString());
        Files.writeString(dir.resolve("id-cert.pub"), certificate + "\n");
        String listed = PamSshd.run("ssh-keygen", "-L", "-f", dir.resolve("id-cert.pub").toString());
        assertTrue(listed.contains("Principals: \n                " + user), listed);
        assertTrue(listed.contains(":ssh-gateway"), "the key id names the gateway client: " + listed);
    }

    @Test
    void theAnswerIsCheckedOnlyForTheUserOfTheHandle() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply unknown = api.start(token, "nobody-" + System.nanoTime());
        assertEquals(404, unknown.status());
        assertTrue(unknown.text("message").contains("not known to the MFA service"), unknown.body().toString());
        TerminalApi.Reply forged = api.finish(token, "A".repeat(43), "123456");
        assertEquals(400, forged.status());
        assertEquals("invalid_handle", forged.text("error"));
    }
}
