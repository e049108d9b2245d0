package org.hpcmfa.keycloak.sshcert.issue;

import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.keys.SshKeyCredentialProvider;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyProof;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;

/** The sign request's registered-key rules: the key proof it may carry, and "only registered keys". */
public final class KeyChecks {

    private KeyChecks() {
    }

    public static RegisteredKeyProof.Outcome proof(KeycloakSession session, RealmModel realm, SshCaComponent ca,
            CertificateRequester.Caller caller, SignRequest request) throws SignRefusal {
        RegisteredKeyPolicy policy = RegisteredKeyPolicy.from(ca.config());
        if (request.keyProof == null || caller.serviceAccount()) {
            return RegisteredKeyProof.Outcome.none(policy);
        }
        String token = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        return RegisteredKeyProof.of(session, realm, caller, policy, token, key(request),
                request.keyProof.signature, request.keyProof.time);
    }

    /** With "only registered keys", a person's request for a key they did not register is refused, saying how to. */
    public static void requireRegisteredIfOnly(KeycloakSession session, RealmModel realm, SshCaComponent ca,
            CertificateRequester.Caller caller, SignRequest request) throws SignRefusal {
        if (caller.serviceAccount() || !RegisteredKeyPolicy.from(ca.config()).onlyRegisteredKeys()) {
            return;
        }
        SshPublicKey key = key(request);
        if (new SshKeyCredentialProvider(session).byFingerprint(caller.user(), key.fingerprint()).isEmpty()) {
            throw SignRefusal.forbidden("key_not_registered", "This key (" + key.fingerprint() + ") is not registered "
                    + "to you, and realm " + realm.getName() + " certifies only registered keys. Register this key "
                    + "first: hpc-ssh-cert keys add ~/.ssh/id_ed25519.pub (or in the Account Console, Signing in).");
        }
    }

    private static SshPublicKey key(SignRequest request) throws SignRefusal {
        try {
            return SshPublicKey.parse(request.publicKey);
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_public_key", e.getMessage());
        }
    }
}
