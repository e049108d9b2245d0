package org.hpcmfa.keycloak.it.revocation;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What an admin does to a person revokes that person's unexpired certificates at once, in the same request:
 * disabling, deleting, "sign out all sessions", lost-phone reset, removing the last second factor. The KRL
 * (read by OpenSSH's ssh-keygen) lists every certificate of that person and none of a bystander's, and an
 * event names the reason and the serials. Removing one of two second factors revokes nothing.
 */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RevocationTriggersIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path dir;

    UserCertificates certificates;

    @BeforeEach
    void setUp() {
        certificates = new UserCertificates(realm, dir);
    }

    /** A person with two certificates (two keys) and a bystander with one. */
    record Scene(String user, String userId, List<UserCertificates.Issued> own, UserCertificates.Issued bystanders) {
    }

    Scene scene(String prefix) throws Exception {
        String user = certificates.user(prefix);
        String bystander = certificates.user(prefix + "-other");
        List<UserCertificates.Issued> own = List.of(certificates.issue(user, 0), certificates.issue(user, 1));
        Scene scene = new Scene(user, TestUsers.id(realm.admin(), user), own, certificates.issue(bystander, 0));
        for (UserCertificates.Issued c : own) {
            assertFalse(Krls.revoked(realm.getBaseUrl(), c, dir), "revoked before the trigger");
        }
        return scene;
    }

    void assertRevokedWithEvent(Scene scene, String reason) throws Exception {
        for (UserCertificates.Issued c : scene.own()) {
            assertTrue(Krls.revoked(realm.getBaseUrl(), c, dir), "serial " + c.serial() + " not in the KRL after " + reason);
        }
        assertFalse(Krls.revoked(realm.getBaseUrl(), scene.bystanders(), dir), "a bystander's certificate was revoked");
        List<EventRepresentation> events = Krls.revocationEvents(realm.admin(), scene.userId(), reason);
        assertEquals(1, events.size(), "one revocation event for " + reason);
        Set<String> serials = Set.of(events.get(0).getDetails().get("serial").split(","));
        assertEquals(scene.own().stream().map(c -> Long.toUnsignedString(c.serial())).collect(Collectors.toSet()), serials);
        assertTrue(events.get(0).getDetails().get("key_id").contains(scene.user()), events.get(0).getDetails().toString());
    }

    @Test
    void disablingTheUserRevokes() throws Exception {
        Scene scene = scene("rv-disable");
        UserResource user = realm.admin().users().get(scene.userId());
        UserRepresentation rep = user.toRepresentation();
        rep.setEnabled(false);
        user.update(rep);
        assertRevokedWithEvent(scene, "user_disabled");
        assertTrue(Krls.revocationEvents(realm.admin(), scene.userId(), "user_disabled").get(0)
                .getDetails().get("revoked_by").startsWith("admin:"));

        // Editing the disabled user again finds nothing new to revoke: no second event.
        rep.setFirstName("Still disabled");
        user.update(rep);
        assertEquals(1, Krls.revocationEvents(realm.admin(), scene.userId(), "user_disabled").size());
    }

    @Test
    void anUpdateThatLeavesTheUserEnabledRevokesNothing() throws Exception {
        Scene scene = scene("rv-update");
        UserResource user = realm.admin().users().get(scene.userId());
        UserRepresentation rep = user.toRepresentation();
        rep.setFirstName("Renamed");
        user.update(rep);
        for (UserCertificates.Issued c : scene.own()) {
            assertFalse(Krls.revoked(realm.getBaseUrl(), c, dir), "a harmless edit revoked " + c.serial());
        }
    }

    @Test
    void deletingTheUserRevokes() throws Exception {
        Scene scene = scene("rv-delete");
        try (var deleted = realm.admin().users().delete(scene.userId())) {
            assertEquals(204, deleted.getStatus());
        }
        assertRevokedWithEvent(scene, "user_deleted");
    }

    @Test
    void signingOutAllSessionsRevokes() throws Exception {
        Scene scene = scene("rv-logout");
        realm.admin().users().get(scene.userId()).logout();
        assertRevokedWithEvent(scene, "sessions_signed_out");
    }

    @Test
    void theLostPhoneResetRevokes() throws Exception {
        Scene scene = scene("rv-lost");
        HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:8080/admin/realms/" + realm.getName() + "/account-recovery/users/"
                                + scene.userId() + "/lost-phone?email=false"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reset.statusCode(), reset.body());
        assertRevokedWithEvent(scene, "lost_phone");
    }

    @Test
    void removingTheLastSecondFactorInTheAdminConsoleRevokesButNotTheFirstOfTwo() throws Exception {
        String user = TestUsers.create(realm.admin(), "rv-factors", "example.org", true,
                List.of(TestUsers.totpCredential("phone"), TestUsers.totpCredential("tablet")));
        String bystander = certificates.user("rv-factors-other");
        List<UserCertificates.Issued> own = List.of(certificates.issue(user, 0), certificates.issue(user, 1));
        Scene scene = new Scene(user, TestUsers.id(realm.admin(), user), own, certificates.issue(bystander, 0));
        UserResource resource = realm.admin().users().get(scene.userId());
        List<CredentialRepresentation> otps = resource.credentials().stream()
                .filter(c -> "otp".equals(c.getType())).toList();
        assertEquals(2, otps.size());

        resource.removeCredential(otps.get(0).getId());
        for (UserCertificates.Issued c : own) {
            assertFalse(Krls.revoked(realm.getBaseUrl(), c, dir), "one of two second factors removed, yet revoked");
        }
        assertTrue(Krls.revocationEvents(realm.admin(), scene.userId(), "last_second_factor_removed").isEmpty());

        resource.removeCredential(otps.get(1).getId());
        assertRevokedWithEvent(scene, "last_second_factor_removed");
    }
}
