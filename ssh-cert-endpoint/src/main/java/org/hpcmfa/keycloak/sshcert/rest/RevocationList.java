package org.hpcmfa.keycloak.sshcert.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.openssh.Krl;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's KRL, built from the database on request: revoked, unexpired certificates, per signing CA key.
 * {@link #version} is the one place that says which KRL is current (its ETag and Last-Modified), from an
 * aggregate query rather than a rebuild; a cluster-wide cache of built lists would be keyed by it. For one
 * version the bytes are always the same (the list's dates are its last change, not the time of the request).
 */
final class RevocationList {

    private RevocationList() {
    }

    /**
     * @param etag         a strong entity tag, quoted as HTTP wants it
     * @param lastModified epoch seconds of the list's last change (0: never changed)
     */
    record Version(String etag, long lastModified) {
    }

    static Version version(KeycloakSession session, RealmModel realm, long now) {
        CertificateRecords.RevocationMarker marker = new CertificateRecords(session, realm.getId()).revocationMarker(now);
        MessageDigest digest = sha256();
        update(digest, realm.getName());
        for (SshCaKey ca : RealmSshCa.published(realm, now)) {
            update(digest, ca.fingerprint());
        }
        update(digest, marker.listed() + "/" + marker.lastRevokedAt() + "/" + marker.firstExpiry() + "/"
                + marker.lastExpiry());
        byte[] hash = digest.digest();
        String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18));
        return new Version("\"krl-" + tag + "\"", marker.lastChange());
    }

    static byte[] build(KeycloakSession session, RealmModel realm, Version version, long now) {
        List<SshCertificateEntity> revoked = new CertificateRecords(session, realm.getId()).revokedUnexpired(now);
        List<Krl.CaSection> sections = new ArrayList<>();
        for (SshCaKey ca : RealmSshCa.published(realm, now)) {
            TreeSet<Long> serials = new TreeSet<>();
            for (SshCertificateEntity c : revoked) {
                if (ca.fingerprint().equals(c.getCaFingerprint())) {
                    serials.add(c.getSerial());
                }
            }
            sections.add(new Krl.CaSection(ca.publicBlob(), serials));
        }
        return Krl.build(sections, version.lastModified(), version.lastModified(),
                "revoked SSH certificates of realm " + realm.getName());
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
