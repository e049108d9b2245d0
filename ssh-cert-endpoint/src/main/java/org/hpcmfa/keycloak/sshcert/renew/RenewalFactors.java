package org.hpcmfa.keycloak.sshcert.renew;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The second factors that may confirm a renewal: the installed terminal factors (mfa-common's SPI: push, TOTP)
 * that the CA's settings name, in that order, each with the settings of its execution in the realm's browser
 * flow (number matching, request limits), so a renewal asks exactly what a browser login would.
 */
final class RenewalFactors {

    record Offered(TerminalFactor factor, AuthenticatorConfigModel config) {
    }

    private RenewalFactors() {
    }

    static List<Offered> offered(KeycloakSession session, RealmModel realm, RenewalSettings settings) {
        List<TerminalFactor> installed = session.getAllProviders(TerminalFactor.class).stream().toList();
        List<Offered> offered = new ArrayList<>();
        for (String id : settings.factors()) {
            installed.stream().filter(f -> f.authenticatorId().equals(id)).findFirst()
                    .ifPresent(f -> offered.add(new Offered(f, browserConfig(realm, id).orElse(null))));
        }
        return offered;
    }

    private static Optional<AuthenticatorConfigModel> browserConfig(RealmModel realm, String authenticatorId) {
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        return browser == null ? Optional.empty() : find(realm, browser.getId(), authenticatorId, 0);
    }

    private static Optional<AuthenticatorConfigModel> find(RealmModel realm, String flowId, String authenticatorId,
            int depth) {
        if (depth > 10) {
            return Optional.empty(); // a flow that includes itself
        }
        for (AuthenticationExecutionModel e : realm.getAuthenticationExecutionsStream(flowId).toList()) {
            if (e.getRequirement() == AuthenticationExecutionModel.Requirement.DISABLED) {
                continue;
            }
            if (e.isAuthenticatorFlow()) {
                Optional<AuthenticatorConfigModel> inner = find(realm, e.getFlowId(), authenticatorId, depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (authenticatorId.equals(e.getAuthenticator()) && e.getAuthenticatorConfig() != null) {
                return Optional.ofNullable(realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()));
            }
        }
        return Optional.empty();
    }
}
