package org.hpcmfa.keycloak.sshterminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.sshterminal.settings.TerminalSettings;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Which factors the prompt offers: those whose authenticator has an enabled execution in the terminal flow
 * (sub-flows included), with that execution's settings; without a terminal flow, the factors offered by default.
 */
final class TerminalFactors {

    record Offered(TerminalFactor factor, AuthenticatorConfigModel config) {
    }

    private TerminalFactors() {
    }

    static List<Offered> offered(KeycloakSession session, RealmModel realm, TerminalSettings settings)
            throws TerminalRefusal {
        Map<String, TerminalFactor> installed = session.getAllProviders(TerminalFactor.class).stream()
                .collect(Collectors.toMap(TerminalFactor::authenticatorId, f -> f, (a, b) -> a));
        List<Offered> offered = new ArrayList<>();
        if (settings.flowAlias() == null) {
            installed.values().stream().filter(TerminalFactor::offeredByDefault)
                    .forEach(f -> offered.add(new Offered(f, null)));
        } else {
            AuthenticationFlowModel flow = realm.getFlowByAlias(settings.flowAlias());
            if (flow == null) {
                throw new TerminalRefusal(503, "terminal_flow_missing",
                        EventErrors.Capability.SSH_TERMINAL.error("flow_missing"), "The terminal prompt's factors flow '"
                        + settings.flowAlias() + "' does not exist in realm " + realm.getName() + ".",
                        TerminalPrompt.MSG_UNAVAILABLE, List.of(), Map.of());
            }
            collect(realm, flow.getId(), installed, offered);
        }
        // A stable order: typed factors first, so the prompt reads the same on every node.
        offered.sort((a, b) -> Boolean.compare(b.factor().answeredByTyping(), a.factor().answeredByTyping()));
        return offered;
    }

    private static void collect(RealmModel realm, String flowId, Map<String, TerminalFactor> installed,
            List<Offered> offered) {
        realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .forEach(e -> {
                    if (e.isAuthenticatorFlow()) {
                        collect(realm, e.getFlowId(), installed, offered);
                    } else if (installed.containsKey(e.getAuthenticator())
                            && offered.stream().noneMatch(o -> o.factor().authenticatorId().equals(e.getAuthenticator()))) {
                        AuthenticatorConfigModel config = e.getAuthenticatorConfig() == null ? null
                                : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig());
                        offered.add(new Offered(installed.get(e.getAuthenticator()), config));
                    }
                });
    }
}
