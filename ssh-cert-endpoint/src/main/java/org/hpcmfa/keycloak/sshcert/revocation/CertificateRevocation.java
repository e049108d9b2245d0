package org.hpcmfa.keycloak.sshcert.revocation;

import java.util.List;

import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawnListener;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

/**
 * When trust in a person is withdrawn (lost phone, disable-MFA, last second factor removed, user disabled or
 * deleted, admin sign-out), marks every unexpired certificate of that person revoked, in the same transaction,
 * so the next KRL lists them; one event names them all. A second trigger in the same request finds nothing new
 * and records nothing.
 */
final class CertificateRevocation implements TrustWithdrawnListener {

    private static final Logger LOG = Logger.getLogger(CertificateRevocation.class);

    private final KeycloakSession session;

    CertificateRevocation(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void trustWithdrawn(TrustWithdrawal withdrawal) {
        takeBack(withdrawal);
    }

    /** Revokes and returns how many certificates were revoked. */
    @Override
    public int takeBack(TrustWithdrawal withdrawal) {
        long now = Time.currentTime();
        CertificateRecords records = new CertificateRecords(session, withdrawal.realm().getId());
        List<SshCertificateEntity> current = records.currentOfUser(withdrawal.userId(), now);
        List<SshCertificateEntity> revoked = records.revoke(current, revokedBy(withdrawal), now);
        if (revoked.isEmpty()) {
            return 0;
        }
        RevocationEvents.revoked(session, withdrawal, revoked);
        LOG.infof("Revoked %d SSH certificate(s) of user %s in realm %s: %s", revoked.size(), withdrawal.username(),
                withdrawal.realm().getName(), withdrawal.reason().code());
        return revoked.size();
    }

    /** Stored with each certificate: why, and who caused it. */
    static String revokedBy(TrustWithdrawal withdrawal) {
        String by = withdrawal.reason().code() + " by " + withdrawal.actor();
        return by.length() <= 255 ? by : by.substring(0, 255);
    }
}
