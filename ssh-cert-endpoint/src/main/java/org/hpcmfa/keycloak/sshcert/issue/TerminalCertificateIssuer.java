package org.hpcmfa.keycloak.sshcert.issue;

import java.util.Optional;
import java.util.Set;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalCertificate;
import org.hpcmfa.keycloak.common.terminal.TerminalCertificates;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * A certificate after a successful terminal login (ssh-terminal-prompt asks through mfa-common's
 * {@link TerminalCertificates}): the same issuer, principals, limits, record and event as {@code ssh-ca/sign}, for
 * a gateway client the realm lists among the clients allowed to get certificates. The second factor was just
 * proven at the prompt, so the token rules about acr and session do not apply.
 */
public class TerminalCertificateIssuer implements TerminalCertificates {

    private final KeycloakSession session;

    public TerminalCertificateIssuer(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public TerminalCertificate issue(RealmModel realm, ClientModel gateway, AccessToken gatewayToken, UserModel user,
            String publicKey, Set<LoginFactor> factors, long authTime) {
        EventBuilder event = CertificateEvents.signing(session, realm);
        CertificateRequester.Caller caller = new CertificateRequester.Caller(gatewayToken, user, null, gateway);
        CertificateEvents.caller(event, caller);
        try {
            Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
            if (ca.isEmpty()) {
                throw new SignRefusal(503, "no_ca", "Realm " + realm.getName() + " has no active SSH user CA.");
            }
            if (!CertificateRequester.allowed(ca.get().policy(), gatewayToken)) {
                throw SignRefusal.forbidden("client_not_allowed", "Gateway client '" + gateway.getClientId()
                        + "' is not among the clients allowed to get certificates.");
            }
            SignRequest request = new SignRequest();
            request.publicKey = publicKey;
            CertificateIssuer.Issued issued = CertificateIssuer.issue(session, realm, ca.get(), caller, request,
                    new MfaEvidence(factors, authTime));
            CertificateEvents.issued(event, issued.record());
            return TerminalCertificate.issued(IssuedCertificateJson.of(issued));
        } catch (SignRefusal refusal) {
            event.detail(Details.REASON, refusal.getMessage())
                    .error(EventErrors.Capability.SSH_CERT.error(refusal.error()));
            return TerminalCertificate.refused(refusal.error(), refusal.getMessage());
        }
    }
}
