package org.hpcmfa.keycloak.it.sshcert;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What a realm admin sets up for "registered key + second factor" logins, through the admin API: the flow
 * (username, "Registered SSH key (first factor)", then a TOTP at level 2, as the demo's SSH flow tags it) and a
 * device-grant client bound to it; and, to show what the CA does with a misconfigured flow, the same without a
 * second factor.
 */
final class KeyFirstFlows {

    static final String KEY_CLIENT = "ssh-key-cli";
    static final String KEY_ONLY_CLIENT = "ssh-key-only-cli";

    private KeyFirstFlows() {
    }

    static void ensure(ManagedRealm realm) {
        AuthenticationManagementResource flows = realm.admin().flows();
        if (flows.getFlows().stream().noneMatch(f -> "ssh-key-login".equals(f.getAlias()))) {
            String keyLogin = flow(flows, "ssh-key-login", "Registered SSH key, then TOTP");
            execution(flows, "ssh-key-login", "auth-username-form");
            execution(flows, "ssh-key-login", "hpc-ssh-key-first-factor");
            flows.addExecutionFlow("ssh-key-login", Map.of("alias", "ssh-key-login-second-factor", "type", "basic-flow",
                    "provider", "registration-page-form", "description", "TOTP at level 2"));
            require(flows, "ssh-key-login", "ssh-key-login-second-factor", "CONDITIONAL");
            String condition = execution(flows, "ssh-key-login-second-factor", "conditional-level-of-authentication");
            AuthenticatorConfigRepresentation level = new AuthenticatorConfigRepresentation();
            level.setAlias("ssh-key-login-level");
            level.setConfig(Map.of("loa-condition-level", "2", "loa-max-age", "0"));
            flows.newExecutionConfig(condition, level).close();
            execution(flows, "ssh-key-login-second-factor", "auth-otp-form");
            client(realm, KEY_CLIENT, keyLogin);

            String keyOnly = flow(flows, "ssh-key-only", "Registered SSH key alone (misconfigured)");
            execution(flows, "ssh-key-only", "auth-username-form");
            execution(flows, "ssh-key-only", "hpc-ssh-key-first-factor");
            client(realm, KEY_ONLY_CLIENT, keyOnly);
        }
        // "Set up" in the Account Console needs the required action registered and enabled, as for any credential.
        if (flows.getRequiredActions().stream().noneMatch(a -> "hpc-ssh-key-register".equals(a.getAlias()))) {
            RequiredActionProviderSimpleRepresentation register = new RequiredActionProviderSimpleRepresentation();
            register.setProviderId("hpc-ssh-key-register");
            register.setName("Register an SSH key");
            flows.registerRequiredAction(register);
        }
        // The hand-built key-first flows have no key review step (KeyBindingIT covers binding): binding off here.
        SshAdminApi.configure(realm, Map.of("registered-key-first-factor", List.of("true"),
                "allowed-clients", List.of("ssh-cli", "ssh-gateway", KEY_CLIENT, KEY_ONLY_CLIENT),
                "require-key-binding", List.of("false")));
    }

    private static String flow(AuthenticationManagementResource flows, String alias, String description) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("flow " + alias + ": HTTP " + created.getStatus());
            }
        }
        return flows.getFlows().stream().filter(f -> alias.equals(f.getAlias())).findFirst().orElseThrow().getId();
    }

    /** Adds a REQUIRED execution; returns its id. */
    private static String execution(AuthenticationManagementResource flows, String flowAlias, String provider) {
        flows.addExecution(flowAlias, Map.of("provider", provider));
        return require(flows, flowAlias, provider, "REQUIRED");
    }

    private static String require(AuthenticationManagementResource flows, String flowAlias, String providerOrAlias,
            String requirement) {
        AuthenticationExecutionInfoRepresentation execution = flows.getExecutions(flowAlias).stream()
                .filter(e -> providerOrAlias.equals(e.getProviderId()) || providerOrAlias.equals(e.getDisplayName()))
                .filter(e -> e.getLevel() == 0)
                .findFirst().orElseThrow(() -> new AssertionError(providerOrAlias + " not in " + flowAlias));
        execution.setRequirement(requirement);
        flows.updateExecutions(flowAlias, execution);
        return execution.getId();
    }

    private static void client(ManagedRealm realm, String clientId, String flowId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        client.setAttributes(Map.of("oauth2.device.authorization.grant.enabled", "true",
                "oauth2.device.polling.interval", "2"));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        try (Response created = realm.admin().clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("client " + clientId + ": HTTP " + created.getStatus());
            }
        }
    }
}
