package org.hpcmfa.keycloak.sshcert.renew;

import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.KeyPossession;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A renewal's proof that the caller holds the private key of the certificate being renewed: the key signs, with
 * {@code ssh-keygen -Y sign -n hpc-ssh-cert-renew@<realm>} (or through the agent), a message that binds this
 * access token (so this Keycloak session), the key and the current time. A copied refresh token alone cannot
 * produce it; a proof works once, within five minutes. Its own namespace keeps it from ever passing as the
 * registered-key proof of {@code sign}, and the other way round.
 */
public final class RenewalProof {

    private RenewalProof() {
    }

    public static String namespace(RealmModel realm) {
        return "hpc-ssh-cert-renew@" + realm.getName();
    }

    /** The exact text the key signs; the CLI builds the same lines. */
    public static String message(RealmModel realm, String accessToken, String fingerprint, long time) {
        return KeyPossession.message("hpc-ssh-cert renewal v1", realm, accessToken, fingerprint, time);
    }

    static void verify(KeycloakSession session, RealmModel realm, String accessToken, SshPublicKey key,
            RenewalRequests.Start request) throws SignRefusal {
        if (request.keyProof == null || request.keyProof.signature == null) {
            throw SignRefusal.forbidden("key_proof_required", "A renewal must carry a signature of the certified key "
                    + "(hpc-ssh-cert makes it with ssh-keygen -Y sign, or the ssh-agent).");
        }
        long time = request.keyProof.time == null ? 0 : request.keyProof.time;
        KeyPossession.verify(session, realm, namespace(realm), message(realm, accessToken, key.fingerprint(), time),
                key, request.keyProof.signature, request.keyProof.time);
    }
}
