package org.hpcmfa.keycloak.sshcert.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.openssh.Krl;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The realm's KRL, built from the database on request: revoked, unexpired certificates, per signing CA key. */
final class RevocationList {

    private RevocationList() {
    }

    static byte[] build(KeycloakSession session, RealmModel realm, long now) {
        List<SshCertificateEntity> revoked = new CertificateRecords(session, realm.getId()).revokedUnexpired(now);
        List<Krl.CaSection> sections = new ArrayList<>();
        long version = 0;
        for (SshCaKey ca : RealmSshCa.published(realm, now)) {
            TreeSet<Long> serials = new TreeSet<>();
            for (SshCertificateEntity c : revoked) {
                if (ca.fingerprint().equals(c.getCaFingerprint())) {
                    serials.add(c.getSerial());
                    version = Math.max(version, c.getRevokedAt());
                }
            }
            sections.add(new Krl.CaSection(ca.publicBlob(), serials));
        }
        return Krl.build(sections, version, now, "revoked SSH certificates of realm " + realm.getName());
    }
}
