package org.hpcmfa.keycloak.it.adminconsole;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * A user's SSH certificates in the admin console, in Chromium: the "SSH certificates" tab lists them, revokes one
 * by serial, and OpenSSH's own ssh-keygen then finds that certificate, and only that one, in the realm's KRL.
 * The certificates are the demo deploy job's (ci-deploy's service account, a user like any other here), since
 * they need no second factor to obtain.
 */
@Needs({CHROMIUM, OPENSSH_CLIENT})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshCertificatesConsoleIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void theTabListsAUsersCertificatesAndRevokesOneThatTheKrlThenLists() throws Exception {
        String clientUuid = realm.admin().clients().findByClientId("ci-deploy").get(0).getId();
        String accountId = realm.admin().clients().get(clientUuid).getServiceAccountUser().getId();
        DeviceLogin api = new DeviceLogin(realm.getBaseUrl());
        String token = new TerminalApi(realm.getBaseUrl()).gatewayToken("ci-deploy",
                TerminalApi.secret(realm.admin(), "ci-deploy"));
        JsonNode first = sign(api, token, "first");
        JsonNode second = sign(api, token, "second");
        String firstSerial = Long.toUnsignedString(first.get("serial").asLong());
        String secondSerial = Long.toUnsignedString(second.get("serial").asLong());

        // Someone else's certificate, to try revoking it from this user's tab.
        String other = TestUsers.create(realm.admin(), "console-ssh-other", "example.org", false);
        String otherId = TestUsers.id(realm.admin(), other);

        try (AdminConsole console = AdminConsole.signIn(realm.getName())) {
            console.open("users/" + accountId + "/ssh-certificates");
            console.save();
            console.open("users/" + accountId + "/ssh-certificates");
            String listing = console.value("hpcSshCertificates");
            assertTrue(listing.startsWith("Certificates of service-account-ci-deploy on "), listing);
            assertTrue(listing.contains("serial " + firstSerial + ", key id " + first.get("key_id").asText()), listing);
            assertTrue(listing.contains("serial " + secondSerial + ","), listing);
            assertFalse(listing.contains("revoked"), listing);

            console.find(By.cssSelector("[data-testid='hpcSshRevokeSerial']")).sendKeys(firstSerial);
            console.screenshot("ssh-certificates-tab");
            String alert = console.save();
            assertFalse(alert.toLowerCase().contains("could not"), alert);
            console.open("users/" + accountId + "/ssh-certificates");
            listing = console.value("hpcSshCertificates");
            assertTrue(listing.contains("serial " + firstSerial + ", key id " + first.get("key_id").asText()), listing);
            assertTrue(listing.lines().anyMatch(l -> l.contains(firstSerial) && l.endsWith(", revoked")), listing);
            assertTrue(listing.lines().anyMatch(l -> l.contains(secondSerial) && !l.endsWith(", revoked")), listing);
            assertEquals("", console.value("hpcSshRevokeSerial"), "the serial is not kept");
            console.screenshot("ssh-certificates-revoked");

            // From another user's tab the deploy job's certificate cannot be revoked.
            console.open("users/" + otherId + "/ssh-certificates");
            console.find(By.cssSelector("[data-testid='hpcSshRevokeSerial']")).sendKeys(secondSerial);
            alert = console.save();
            assertTrue(alert.contains("No certificate of " + other + " has serial " + secondSerial), alert);
        }

        Path krl = Files.write(dir.resolve("krl"), api.krl());
        assertTrue(keygenQuery(krl, first).contains("REVOKED"), "the KRL lists the revoked certificate");
        assertFalse(keygenQuery(krl, second).contains("REVOKED"), "and not the other one");

        List<AdminEventRepresentation> revocations = realm.admin().getAdminEvents(List.of("ACTION"), null, null, null,
                null, null, null, null, 0, 100).stream()
                .filter(e -> "ssh-ca/revoke".equals(e.getResourcePath())).toList();
        assertEquals(1, revocations.size(), "one revocation, as POST /ssh-ca/revoke writes it");
        assertEquals("USER", revocations.get(0).getResourceType());
        assertEquals("{\"revoked\":[" + first.get("serial").asLong() + "]}", revocations.get(0).getRepresentation());
    }

    private JsonNode sign(DeviceLogin api, String token, String name) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString());
        String publicKey = Files.readString(dir.resolve(name + ".pub")).trim();
        DeviceLogin.Reply reply = api.sign(token, "{\"public_key\":\"" + publicKey + "\"}");
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        Files.writeString(dir.resolve(name + "-cert.pub"), reply.body().get("certificate").asText() + "\n");
        return reply.body();
    }

    /** {@code ssh-keygen -Q}: OpenSSH's verdict on a certificate against a KRL ("REVOKED" or "ok"). */
    private String keygenQuery(Path krl, JsonNode certificate) throws Exception {
        Path file = Files.writeString(dir.resolve("query-cert.pub"), certificate.get("certificate").asText() + "\n");
        return run("ssh-keygen", "-Q", "-f", krl.toString(), file.toString());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
