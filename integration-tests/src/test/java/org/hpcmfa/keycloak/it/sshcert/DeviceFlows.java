package org.hpcmfa.keycloak.it.sshcert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * What an admin does when building a device-login flow by hand in the console: a top-level flow of REQUIRED steps,
 * bound to a public device-grant client. Tests use it to build the flows an admin could get wrong.
 */
final class DeviceFlows {

    private DeviceFlows() {
    }

    /** A top-level flow whose steps are the given authenticators, each REQUIRED, in this order. */
    static String flow(RealmResource realm, String alias, String... authenticators) {
        AuthenticationManagementResource flows = realm.flows();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription("built by a test");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            assertEquals(201, created.getStatus(), created.readEntity(String.class));
        }
        for (String authenticator : authenticators) {
            flows.addExecution(alias, Map.of("provider", authenticator));
        }
        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions(alias)) {
            execution.setRequirement("REQUIRED");
            flows.updateExecutions(alias, execution);
        }
        return flows.getFlows().stream().filter(f -> alias.equals(f.getAlias())).findFirst().orElseThrow().getId();
    }

    /** A public device-grant client whose logins run {@code flowId} (created, or bound anew if it exists). */
    static void client(RealmResource realm, String clientId, String flowId) {
        if (!realm.clients().findByClientId(clientId).isEmpty()) {
            rebind(realm, clientId, flowId);
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        client.setAttributes(Map.of("oauth2.device.authorization.grant.enabled", "true",
                "oauth2.device.polling.interval", "1"));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        try (Response created = realm.clients().create(client)) {
            assertEquals(201, created.getStatus(), created.readEntity(String.class));
        }
    }

    /** Binds the client to another flow, as the admin does on the client's Advanced tab. */
    static void rebind(RealmResource realm, String clientId, String flowId) {
        ClientRepresentation client = realm.clients().findByClientId(clientId).get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        realm.clients().get(client.getId()).update(client);
    }

    /** The authenticators of a flow and its sub-flows, in order (sub-flows themselves left out). */
    static List<String> steps(RealmResource realm, String alias) {
        return realm.flows().getExecutions(alias).stream().filter(e -> !Boolean.TRUE.equals(e.getAuthenticationFlow()))
                .map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
    }
}
