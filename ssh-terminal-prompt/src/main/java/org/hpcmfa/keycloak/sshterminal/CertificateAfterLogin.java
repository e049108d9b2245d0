package org.hpcmfa.keycloak.sshterminal;

import java.util.Map;
import java.util.Set;

import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.terminal.TerminalCertificate;
import org.hpcmfa.keycloak.common.terminal.TerminalCertificates;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A certificate after a successful terminal login, when the login node sends the user's public key: asked of the
 * installed {@link TerminalCertificates} provider (ssh-cert-endpoint: the same issuer, rules, record and event as
 * {@code ssh-ca/sign}), carrying what the login proved and when. A refusal, or no provider at all, does not undo the login: it comes back as
 * {@code certificate_error} beside {@code "result": "ok"}.
 */
final class CertificateAfterLogin {

    /** The answer's code without a certificate provider: the same as a realm without a CA, which it amounts to. */
    static final String NO_ISSUER = "no_ca";

    private CertificateAfterLogin() {
    }

    static Map<String, Object> fields(KeycloakSession session, RealmModel realm, GatewayClient gateway, UserModel user,
            String publicKey, Set<LoginFactor> factors, long authTime) {
        TerminalCertificate certificate = session.getAllProviders(TerminalCertificates.class).stream().findFirst()
                .map(issuer -> issuer.issue(realm, gateway.client(), gateway.token(), user, publicKey, factors,
                        authTime))
                .orElseGet(() -> TerminalCertificate.refused(NO_ISSUER, "This server issues no SSH certificates: "
                        + "the ssh-cert-endpoint provider is not installed."));
        return certificate.isIssued() ? certificate.fields()
                : Map.of("certificate_error", JsonErrors.body(certificate.error(), certificate.description()));
    }
}
