package org.hpcmfa.keycloak.sshcert.revocation;

import java.util.List;

import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;

/**
 * The event of an automatic revocation: a REMOVE_CREDENTIAL of credential type {@code ssh-certificate} (like a
 * revocation by serial), with {@code reason} (e.g. {@code user_disabled}), {@code revoked_by}, the serials and
 * key ids.
 */
final class RevocationEvents {

    static final String CREDENTIAL_TYPE = "ssh-certificate";

    private RevocationEvents() {
    }

    static void revoked(KeycloakSession session, TrustWithdrawal withdrawal, List<SshCertificateEntity> revoked) {
        EventBuilder event = new EventBuilder(withdrawal.realm(), session).event(EventType.REMOVE_CREDENTIAL);
        if (session.getContext().getConnection() != null) {
            event.ipAddress(session.getContext().getConnection().getRemoteHost());
        }
        event.user(withdrawal.userId())
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(Details.REASON, withdrawal.reason().code())
                .detail(Details.USERNAME, withdrawal.username())
                .detail("revoked_by", withdrawal.actor())
                .detail("serial", String.join(",", revoked.stream().map(c -> Long.toUnsignedString(c.getSerial())).toList()))
                .detail("key_id", String.join(",", revoked.stream().map(SshCertificateEntity::getKeyId).toList()))
                .success();
    }
}
