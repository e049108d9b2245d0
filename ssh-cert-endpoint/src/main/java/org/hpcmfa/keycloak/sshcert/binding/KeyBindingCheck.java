package org.hpcmfa.keycloak.sshcert.binding;

import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.issue.SignRequest;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;

/**
 * The {@code sign} side of key binding: a token whose login approved a key signs only that key, for at most the
 * approved lifetime (the approved one when the request names none); a device login that approved no key gets no
 * certificate while the CA requires key binding. Service accounts are not concerned: no person, no review page.
 */
public final class KeyBindingCheck {

    private KeyBindingCheck() {
    }

    public static void enforce(SshCaComponent ca, CertificateRequester.Caller caller, SignRequest request)
            throws SignRefusal {
        if (caller.serviceAccount() || caller.userSession() == null || caller.client() == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession =
                caller.userSession().getAuthenticatedClientSessionByClient(caller.client().getId());
        BoundKey bound = BoundKey.of(clientSession);
        if (bound == null) {
            boolean deviceLogin = clientSession != null
                    && clientSession.getNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE) != null;
            if (deviceLogin && KeyBindingSettings.from(ca.config()).requireKeyBinding()) {
                throw SignRefusal.forbidden("key_not_bound", "This login approved no SSH key, and this realm "
                        + "certifies only the key shown at login: run hpc-ssh-cert again (it names your key when "
                        + "it starts the login) and approve the key on the review page.");
            }
            return;
        }
        Long issuedAt = caller.token().getIat();
        if (issuedAt != null && issuedAt < bound.approvedAt()) {
            throw SignRefusal.forbidden("key_binding_superseded", "A later login in your session approved another "
                    + "SSH key; this token belongs to the earlier login. Use the token of the latest login.");
        }
        String fingerprint;
        try {
            fingerprint = SshPublicKey.parse(request.publicKey).fingerprint();
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_public_key", e.getMessage());
        }
        if (!fingerprint.equals(bound.fingerprint())) {
            throw SignRefusal.forbidden("key_mismatch", "This login approved the SSH key " + bound.fingerprint()
                    + ", not " + fingerprint + ": a certificate is only issued for the key shown at login. Run "
                    + "hpc-ssh-cert again with the key you want to use.");
        }
        if (bound.ttlSeconds() != null && bound.ttlSeconds() > 0) {
            if (request.ttl == null) {
                request.ttl = bound.ttlSeconds();
            } else if (request.ttl > bound.ttlSeconds()) {
                throw SignRefusal.forbidden("ttl_not_approved", "The login approved a certificate valid for "
                        + bound.ttlSeconds() + " s; ask for at most that (or leave ttl out).");
            }
        }
    }
}
