package org.hpcmfa.keycloak.it.revocation;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sshcert.SshAdminApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code GET ssh-ca/krl} as a login node polls it every few seconds: the same list answers with the same ETag
 * and bytes, a request that presents them gets 304 and no body, and a revocation makes the next request a 200
 * with a new ETag, a later Last-Modified and the serial in the list; a listed certificate that expires drops
 * out by itself, with a new ETag, though nothing was revoked.
 */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class KrlCachingIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void anUnchangedListIs304AndARevocationMakesItNew() throws Exception {
        String url = realm.getBaseUrl();
        HttpResponse<byte[]> first = Krls.get(url, Map.of());
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"krl-[A-Za-z0-9_-]+\""), etag);
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("application/octet-stream", first.headers().firstValue("Content-Type").orElseThrow());

        // Same list, same validator, same bytes: the KRL's dates are its last change, not the request's time.
        Thread.sleep(1100);
        HttpResponse<byte[]> again = Krls.get(url, Map.of());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertArrayEquals(first.body(), again.body());

        HttpResponse<byte[]> notModified = Krls.get(url, Map.of("If-None-Match", etag));
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, Krls.get(url, Map.of("If-None-Match", "\"krl-other\", W/" + etag)).statusCode(),
                "a list of tags, weak comparison");
        assertEquals(200, Krls.get(url, Map.of("If-None-Match", "\"krl-other\"")).statusCode());

        // A revocation: the old validators no longer match.
        UserCertificates certificates = new UserCertificates(realm, dir);
        String user = certificates.user("krl-cache");
        UserCertificates.Issued issued = certificates.issue(user, 0);
        long beforeRevocation = System.currentTimeMillis() / 1000;
        disable(user);

        HttpResponse<byte[]> changed = Krls.get(url, Map.of("If-None-Match", etag));
        assertEquals(200, changed.statusCode(), "the old ETag still matched after a revocation");
        String newEtag = changed.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, newEtag);
        Path krl = Files.write(dir.resolve("krl"), changed.body());
        assertTrue(Krls.revoked(krl, issued.certificate()), "the new list lacks the revoked serial");

        String lastModified = changed.headers().firstValue("Last-Modified").orElseThrow();
        long modifiedAt = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        assertTrue(modifiedAt >= beforeRevocation - 1 && modifiedAt <= System.currentTimeMillis() / 1000 + 1,
                lastModified + " is not the revocation's time");
        assertTrue(lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), lastModified);

        assertEquals(304, Krls.get(url, Map.of("If-None-Match", newEtag)).statusCode());
        assertEquals(304, Krls.get(url, Map.of("If-Modified-Since", lastModified)).statusCode(),
                "If-Modified-Since alone");
        String secondEarlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusSeconds(1));
        assertEquals(200, Krls.get(url, Map.of("If-Modified-Since", secondEarlier)).statusCode());
        assertEquals(200, Krls.get(url, Map.of("If-None-Match", etag, "If-Modified-Since", lastModified)).statusCode(),
                "If-None-Match decides when both are sent");
        assertEquals(200, Krls.get(url, Map.of("If-Modified-Since", "not a date")).statusCode());
    }

    @Test
    void aRevokedCertificateThatExpiresDropsOutAndTheEtagChanges() throws Exception {
        String url = realm.getBaseUrl();
        SshAdminApi.configure(realm, Map.of("default-ttl-seconds", List.of("60"))); // the shortest allowed
        try {
            UserCertificates certificates = new UserCertificates(realm, dir);
            String user = certificates.user("krl-expiry");
            long issuedAt = System.currentTimeMillis() / 1000;
            UserCertificates.Issued issued = certificates.issue(user, 0);
            disable(user);
            HttpResponse<byte[]> listed = Krls.get(url, Map.of());
            assertTrue(Krls.revoked(Files.write(dir.resolve("listed"), listed.body()), issued.certificate()));
            String etag = listed.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, Krls.get(url, Map.of("If-None-Match", etag)).statusCode());

            // No revocation, no CA change: only the clock passes the certificate's end (issue time + 60 s).
            Thread.sleep(Math.max(0, (issuedAt + 62) * 1000 - System.currentTimeMillis()));
            HttpResponse<byte[]> expired = Krls.get(url, Map.of("If-None-Match", etag));
            assertEquals(200, expired.statusCode(), "the kept list outlived a listed certificate");
            String newEtag = expired.headers().firstValue("ETag").orElseThrow();
            assertNotEquals(etag, newEtag);
            assertFalse(Krls.revoked(Files.write(dir.resolve("expired"), expired.body()), issued.certificate()),
                    "an expired certificate stays in the list");
            long modifiedAt = ZonedDateTime.parse(expired.headers().firstValue("Last-Modified").orElseThrow(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            assertTrue(modifiedAt >= issuedAt + 58, "Last-Modified is not the expiry: " + modifiedAt);
            assertEquals(304, Krls.get(url, Map.of("If-None-Match", newEtag)).statusCode());
        } finally {
            SshAdminApi.configure(realm, Map.of("default-ttl-seconds", List.of("3600")));
        }
    }

    private void disable(String user) {
        UserRepresentation rep = realm.admin().users().get(TestUsers.id(realm.admin(), user)).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(rep.getId()).update(rep);
    }
}
