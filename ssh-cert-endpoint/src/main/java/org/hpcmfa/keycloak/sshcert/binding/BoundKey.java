package org.hpcmfa.keycloak.sshcert.binding;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The key a person approved, as client notes of the login: Keycloak copies an authentication session's client
 * notes into the client session when the login completes, so {@code sign} reads them from the token's client
 * session on any node. A later login of the same client in the same session replaces them (also with "no key"),
 * and tokens issued before that approval are refused ({@link KeyBindingCheck}).
 */
public record BoundKey(String fingerprint, Integer ttlSeconds, long approvedAt) {

    static final String FINGERPRINT = "hpc.ssh.bound-key";
    static final String TTL = "hpc.ssh.bound-ttl";
    static final String APPROVED_AT = "hpc.ssh.bound-at";

    /** The person approved this key (and lifetime) on the review page. */
    static void record(AuthenticationSessionModel authSession, String fingerprint, int ttlSeconds, long now) {
        authSession.setClientNote(FINGERPRINT, fingerprint);
        authSession.setClientNote(TTL, String.valueOf(ttlSeconds));
        authSession.setClientNote(APPROVED_AT, String.valueOf(now));
    }

    /** This login approved no key: a binding of an earlier login of the same client must not carry over. */
    static void none(AuthenticationSessionModel authSession, long now) {
        authSession.setClientNote(FINGERPRINT, "");
        authSession.setClientNote(TTL, "");
        authSession.setClientNote(APPROVED_AT, String.valueOf(now));
    }

    /** The binding of a token's client session; null when its login approved no key. */
    static BoundKey of(AuthenticatedClientSessionModel clientSession) {
        if (clientSession == null) {
            return null;
        }
        String fingerprint = clientSession.getNote(FINGERPRINT);
        if (fingerprint == null || fingerprint.isEmpty()) {
            return null;
        }
        return new BoundKey(fingerprint, DeviceRequestParams.ttl(clientSession.getNote(TTL)),
                parse(clientSession.getNote(APPROVED_AT)));
    }

    static long approvedAt(AuthenticatedClientSessionModel clientSession) {
        return clientSession == null ? 0 : parse(clientSession.getNote(APPROVED_AT));
    }

    private static long parse(String raw) {
        try {
            return raw == null ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
