package org.hpcmfa.keycloak.sshcert.store;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes certificate records that expired more than {@link #RETENTION_SECONDS} ago, in every realm. Run by
 * Keycloak's timer on one node of the cluster at a time (see {@link SshCertificateStoreFactory}), so signing a
 * certificate writes only its own record.
 */
final class ExpiredCertificatePurge implements ScheduledTask {

    /** Expired records are kept this long for audit (who had which certificate, who revoked it). */
    static final long RETENTION_SECONDS = 30L * 86_400;
    /**
     * Every 15 minutes by default, as Keycloak clears its expired events. The delete scans the table (records of
     * the last 30 days and of valid certificates) rather than have every sign update one more index.
     */
    static final int DEFAULT_INTERVAL_SECONDS = 15 * 60;
    private static final Logger LOG = Logger.getLogger(ExpiredCertificatePurge.class);

    @Override
    public void run(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long before = Time.currentTime() - RETENTION_SECONDS;
        // A revoked record that goes may have set the KRL's Last-Modified (its expiry): let every node rebuild
        // the list, so all of them keep serving one ETag.
        List<String> realmsWithRevocations = em.createNamedQuery("hpcSshCertRealmsWithExpiredRevocations", String.class)
                .setParameter("before", before).getResultList();
        int deleted = em.createNamedQuery("hpcSshCertDeleteExpired").setParameter("before", before).executeUpdate();
        realmsWithRevocations.forEach(realmId -> RealmCacheInvalidation.realmChanged(session, realmId));
        if (deleted > 0) {
            LOG.debugf("Deleted %d SSH certificate records that expired before %d", deleted, before);
        }
    }

    @Override
    public String getTaskName() {
        return "hpc-ssh-expired-certificate-purge";
    }
}
