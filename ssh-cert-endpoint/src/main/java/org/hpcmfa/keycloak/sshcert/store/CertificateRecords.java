package org.hpcmfa.keycloak.sshcert.store;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Issued certificates and revocations of one realm, in Keycloak's database. */
public final class CertificateRecords {

    private final KeycloakSession session;
    private final EntityManager em;
    private final String realmId;

    public CertificateRecords(KeycloakSession session, String realmId) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /** Stores a new certificate; the unique (realm, serial) constraint fails the transaction on a collision. */
    public SshCertificateEntity record(SshCertificateEntity certificate) {
        certificate.setId(UUID.randomUUID().toString());
        certificate.setRealmId(realmId);
        em.persist(certificate);
        return certificate;
    }

    public List<SshCertificateEntity> bySerial(long serial) {
        return em.createNamedQuery("hpcSshCertBySerial", SshCertificateEntity.class)
                .setParameter("realmId", realmId).setParameter("serial", serial).getResultList();
    }

    public List<SshCertificateEntity> byKeyId(String keyId) {
        return em.createNamedQuery("hpcSshCertByKeyId", SshCertificateEntity.class)
                .setParameter("realmId", realmId).setParameter("keyId", keyId).getResultList();
    }

    /** The user's certificates that have not expired yet, newest first. */
    public List<SshCertificateEntity> currentOfUser(String userId, long now) {
        return em.createNamedQuery("hpcSshCertByUser", SshCertificateEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("now", now)
                .getResultList();
    }

    /** What the KRL must list: revoked and not yet expired. */
    public List<SshCertificateEntity> revokedUnexpired(long now) {
        return em.createNamedQuery("hpcSshCertRevokedUnexpired", SshCertificateEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
    }

    /**
     * The latest expiry of a revoked certificate that has expired (0: none): the moment an entry last dropped out
     * of the KRL, part of the list's Last-Modified.
     */
    public long lastExpiryOfRevoked(long now) {
        Long lastExpiry = em.createNamedQuery("hpcSshCertKrlLastExpiry", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now).getSingleResult();
        return lastExpiry == null ? 0 : lastExpiry;
    }

    /**
     * Marks the certificates revoked (once); returns those that were not revoked before. Every revocation of the
     * pack goes through here, so this is where the built KRL every node keeps is dropped (when this transaction
     * commits, on every node).
     */
    public List<SshCertificateEntity> revoke(List<SshCertificateEntity> certificates, String by, long now) {
        List<SshCertificateEntity> newlyRevoked = certificates.stream().filter(c -> c.getRevokedAt() == null).toList();
        for (SshCertificateEntity certificate : newlyRevoked) {
            certificate.setRevokedAt(now);
            certificate.setRevokedBy(by);
        }
        if (!newlyRevoked.isEmpty()) {
            RealmCacheInvalidation.realmChanged(session, realmId);
        }
        return newlyRevoked;
    }
}
