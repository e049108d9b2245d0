package org.hpcmfa.keycloak.sshcert.issue;

import java.util.List;

import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Audit of certificates in Keycloak's events: a signed certificate is a TOKEN_EXCHANGE (an access token
 * exchanged for an SSH certificate), a refusal a TOKEN_EXCHANGE_ERROR whose error names the failed rule ({@code ssh_cert_<code>}), a
 * revocation a REMOVE_CREDENTIAL. Details: serial, key id, principals, key fingerprint, client; for a service
 * account also {@code service_account=true} and {@code client_id}.
 */
public final class CertificateEvents {

    static final String CREDENTIAL_TYPE = "ssh-certificate";

    private CertificateEvents() {
    }

    public static EventBuilder signing(KeycloakSession session, RealmModel realm) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.TOKEN_EXCHANGE)
                .detail(Details.REQUESTED_TOKEN_TYPE, CREDENTIAL_TYPE);
    }

    public static EventBuilder revoking(KeycloakSession session, RealmModel realm) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE);
    }

    public static void caller(EventBuilder event, CertificateRequester.Caller caller) {
        event.user(caller.user()).client(caller.token().getIssuedFor());
        if (caller.serviceAccount()) {
            // A client-credentials login's session is transient: naming it would point at nothing.
            event.detail("service_account", "true").detail("client_id", caller.token().getIssuedFor());
        } else {
            event.session(caller.userSession() == null ? null : caller.userSession().getId());
        }
    }

    public static void issued(EventBuilder event, SshCertificateEntity c) {
        event.detail("serial", Long.toUnsignedString(c.getSerial()))
                .detail("key_id", c.getKeyId())
                .detail("principals", c.getPrincipals())
                .detail("key_fingerprint", c.getKeyFingerprint())
                .detail("valid_before", String.valueOf(c.getValidBefore()))
                .success();
    }

    public static void revoked(EventBuilder event, List<SshCertificateEntity> revoked) {
        event.detail("serial", String.join(",", revoked.stream().map(c -> Long.toUnsignedString(c.getSerial())).toList()))
                .detail("key_id", String.join(",", revoked.stream().map(SshCertificateEntity::getKeyId).toList()))
                .success();
    }
}
