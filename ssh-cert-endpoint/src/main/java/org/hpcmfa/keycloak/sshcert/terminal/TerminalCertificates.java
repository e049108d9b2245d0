package org.hpcmfa.keycloak.sshcert.terminal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.rest.CertificateEvents;
import org.hpcmfa.keycloak.sshcert.rest.CertificateIssuer;
import org.hpcmfa.keycloak.sshcert.rest.SignRequest;
import org.hpcmfa.keycloak.sshcert.rest.SshCaErrors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A certificate after a successful terminal login, when the login node sends the user's public key: the same
 * issuer, principals, limits, record and event as {@code ssh-ca/sign}, for a gateway client the realm lists
 * among the clients allowed to get certificates. The second factor was just proven at the prompt, so the token
 * rules about acr and session do not apply. A refusal here does not undo the login: it comes back as
 * {@code certificate_error} beside {@code "result": "ok"}.
 */
final class TerminalCertificates {

    private TerminalCertificates() {
    }

    static Map<String, Object> issue(KeycloakSession session, RealmModel realm, GatewayClient gateway, UserModel user,
            String publicKey) {
        EventBuilder event = CertificateEvents.signing(session, realm);
        CertificateRequester.Caller caller = new CertificateRequester.Caller(gateway.token(), user, null, gateway.client());
        CertificateEvents.caller(event, caller);
        try {
            Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
            if (ca.isEmpty()) {
                throw new SignRefusal(503, "no_ca", "Realm " + realm.getName() + " has no active SSH user CA.");
            }
            if (!CertificateRequester.allowed(ca.get().policy(), gateway.token())) {
                throw SignRefusal.forbidden("client_not_allowed", "Gateway client '" + gateway.client().getClientId()
                        + "' is not among the clients allowed to get certificates.");
            }
            SignRequest request = new SignRequest();
            request.publicKey = publicKey;
            CertificateIssuer.Issued issued = CertificateIssuer.issue(session, realm, ca.get(), caller, request);
            CertificateEvents.issued(event, issued.record());
            return SshCaErrors.certificateJson(issued);
        } catch (SignRefusal refusal) {
            event.detail("reason", refusal.getMessage()).error(refusal.error());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", refusal.error());
            error.put("error_description", refusal.getMessage());
            return Map.of("certificate_error", error);
        }
    }
}
