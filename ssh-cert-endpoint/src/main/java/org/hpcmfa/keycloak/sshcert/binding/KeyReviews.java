package org.hpcmfa.keycloak.sshcert.binding;

import java.util.List;

import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.CertificateTerms;
import org.hpcmfa.keycloak.sshcert.policy.Principals;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.policy.SshCertPolicy;
import org.hpcmfa.keycloak.sshcert.policy.Validity;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OAuth2DeviceCodeModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Builds the review of a device login from the device code and the CA's own policy code, so page and CA agree. */
public final class KeyReviews {

    private KeyReviews() {
    }

    /** Whether the CA issues certificates to tokens of this client (the policy's allowed clients). */
    public static boolean certificateClient(SshCaComponent ca, ClientModel client) {
        return ca.policy().allowedClients().contains(client.getClientId());
    }

    /**
     * The principals the CA would grant the user and the lifetime it would give (the requested ttl, else the
     * default); a ttl above the CA's maximum is the CA's own refusal.
     */
    public static KeyReview of(KeycloakSession session, RealmModel realm, SshCaComponent ca, ClientModel client,
            UserModel user, OAuth2DeviceCodeModel code) throws SignRefusal {
        SshCertPolicy policy = ca.policy();
        List<String> principals = Principals.granted(user, policy);
        CertificateTerms terms = new CertificateTerms(false, principals, policy.defaultTtlSeconds(),
                policy.maxTtlSeconds(), policy.keyIdTemplate(), null);
        Integer requested = DeviceRequestParams.ttl(code.getAdditionalParams().get(DeviceRequestParams.TTL));
        long now = Time.currentTime();
        Validity validity = Validity.of(terms, requested, realm, now);
        int ttl = (int) (validity.validBefore() - now);
        String name = client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        String requester = RequestOrigins.address(session, code.getAdditionalParams().get(DeviceRequestParams.REQUEST_REF));
        String fingerprint = code.getAdditionalParams().get(DeviceRequestParams.FINGERPRINT);
        return new KeyReview(name, client.getClientId(), requester,
                session.getContext().getConnection().getRemoteAddr(),
                KeyFingerprint.valid(fingerprint) ? fingerprint : null, principals, ttl);
    }
}
