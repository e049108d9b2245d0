package org.hpcmfa.keycloak.sshcert.rest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The realm's KRL, built from the database: revoked, unexpired certificates, per published CA key. For one
 * content the bytes are always the same (the list's dates are its last change, not the time of the request),
 * so the ETag, a hash of the bytes, is the same on every node that reads the same database.
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

    /**
     * A built list; {@code validUntil} (epoch seconds) is when it stops being true without any revocation or CA
     * change: a listed certificate or a published retired CA key expires then, and must drop out.
     */
    record Built(Version version, byte[] bytes, long validUntil) {
    }

    static Built build(KeycloakSession session, RealmModel realm, long now) {
        CertificateRecords records = new CertificateRecords(session, realm.getId());
        List<SshCertificateEntity> revoked = records.revokedUnexpired(now);
        long lastModified = records.lastExpiryOfRevoked(now);
        long validUntil = RealmSshCa.nextRetirement(realm, now);
        for (SshCertificateEntity c : revoked) {
            lastModified = Math.max(lastModified, c.getRevokedAt());
            validUntil = Math.min(validUntil, c.getValidBefore());
        }
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
        byte[] bytes = Krl.build(sections, lastModified, lastModified, "revoked SSH certificates of realm " + realm.getName());
        return new Built(new Version(etag(bytes, sections), lastModified), bytes, validUntil);
    }

    /**
     * A hash of the list and of the published CA keys: a CA rotation with nothing revoked leaves the bytes
     * alone (sections without serials are not written) yet servers polling for it should see a new version.
     */
    private static String etag(byte[] bytes, List<Krl.CaSection> sections) {
        MessageDigest digest = sha256();
        digest.update(bytes);
        for (Krl.CaSection section : sections) {
            digest.update(section.caPublicBlob());
        }
        byte[] hash = digest.digest();
        return "\"krl-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18)) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
