package org.hpcmfa.keycloak.sshcert.store;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Issued certificates and revocations of one realm, in Keycloak's database. */
public final class CertificateRecords {

    /** Expired records are kept this long for audit, then removed while new certificates are recorded. */
    static final long RETENTION_SECONDS = 30L * 86_400;

    private final EntityManager em;
    private final String realmId;

    public CertificateRecords(KeycloakSession session, String realmId) {
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
     * What the KRL's content depends on, read with two aggregate queries instead of loading the list: how many
     * revoked certificates are still unexpired, the latest revocation, the earliest expiry among them, and the
     * latest expiry of a revoked certificate (the moment one dropped out of the list).
     */
    public RevocationMarker revocationMarker(long now) {
        Object[] current = em.createNamedQuery("hpcSshCertKrlMarker", Object[].class)
                .setParameter("realmId", realmId).setParameter("now", now).getSingleResult();
        Long lastExpiry = em.createNamedQuery("hpcSshCertKrlLastExpiry", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now).getSingleResult();
        return new RevocationMarker(((Number) current[0]).longValue(), orZero(current[1]), orZero(current[2]),
                lastExpiry == null ? 0 : lastExpiry);
    }

    /** See {@link #revocationMarker}; all times in epoch seconds, 0 where there is none. */
    public record RevocationMarker(long listed, long lastRevokedAt, long firstExpiry, long lastExpiry) {

        /** When the list last changed: a revocation added an entry, or an expiry removed one. */
        public long lastChange() {
            return Math.max(lastRevokedAt, lastExpiry);
        }
    }

    private static long orZero(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Marks the certificates revoked (once); returns those that were not revoked before. */
    public List<SshCertificateEntity> revoke(List<SshCertificateEntity> certificates, String by, long now) {
        List<SshCertificateEntity> newlyRevoked = certificates.stream().filter(c -> c.getRevokedAt() == null).toList();
        for (SshCertificateEntity certificate : newlyRevoked) {
            certificate.setRevokedAt(now);
            certificate.setRevokedBy(by);
        }
        return newlyRevoked;
    }

    public void forgetExpired(long now) {
        em.createNamedQuery("hpcSshCertDeleteExpired").setParameter("realmId", realmId)
                .setParameter("before", now - RETENTION_SECONDS).executeUpdate();
    }
}
