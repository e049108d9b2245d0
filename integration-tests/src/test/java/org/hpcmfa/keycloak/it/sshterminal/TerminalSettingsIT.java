package org.hpcmfa.keycloak.it.sshterminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Where the terminal prompt's settings live: the "SSH terminal prompt" tab of Realm settings; a realm that never
 * saved it still runs on the settings its SSH CA held before (deprecated), and saving the CA does not lose them.
 * An admin cannot save a role or flow the realm lacks, nor a lifetime out of range.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TerminalSettingsIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    private int handleSeconds(TerminalApi api, String token, String user) throws Exception {
        TerminalApi.Reply started = api.start(token, user);
        assertEquals(200, started.status(), started.body().toString());
        return started.body().get("expires_in").asInt();
    }

    @Test
    void theTabWinsTheCaIsTheFallbackAndBadValuesAreRefused() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String user = TestUsers.create(realm.admin(), "settings-ssh", "example.org", false, true);
        ComponentRepresentation demoTab = TerminalSettingsAdmin.tab(realm.admin()).orElseThrow();
        assertEquals("ssh-terminal-factors", demoTab.getConfig().getFirst("terminal-flow"), "the demo's own setting");

        // An upgraded realm: no tab yet, the settings on its SSH CA as before.
        realm.admin().components().component(demoTab.getId()).remove();
        ComponentRepresentation ca = TerminalSettingsAdmin.ca(realm.admin());
        ca.getConfig().put("terminal-handle-seconds", List.of("45"));
        realm.admin().components().component(ca.getId()).update(ca);
        assertEquals(45, handleSeconds(api, token, user), "the CA's old key is read while the tab was never saved");
        assertEquals(List.of("45"), TerminalSettingsAdmin.ca(realm.admin()).getConfig().get("terminal-handle-seconds"),
                "saving the CA keeps the retired key");

        // Saved once on the tab, the tab's values rule and the CA's are ignored.
        assertEquals(201, TerminalSettingsAdmin.set(realm.admin(), "terminal-handle-seconds", "90"));
        assertEquals(90, handleSeconds(api, token, user));

        // What an admin may not save: a lifetime out of range, a flow or role the realm lacks.
        assertEquals(400, TerminalSettingsAdmin.set(realm.admin(), "terminal-handle-seconds", "86400"));
        assertEquals(400, TerminalSettingsAdmin.set(realm.admin(), "terminal-flow", "no-such-flow"));
        assertEquals(400, TerminalSettingsAdmin.set(realm.admin(), "terminal-gateway-role", "no-such-role"));
        assertEquals(90, handleSeconds(api, token, user), "a refused save changed nothing");
        ComponentRepresentation second = new ComponentRepresentation();
        second.setName(TerminalSettingsAdmin.TAB_ID);
        second.setProviderId(TerminalSettingsAdmin.TAB_ID);
        second.setProviderType(TerminalSettingsAdmin.TAB_TYPE);
        second.setConfig(new MultivaluedHashMap<>(Map.of("terminal-handle-seconds", List.of("30"))));
        try (Response added = realm.admin().components().add(second)) {
            assertEquals(400, added.getStatus(), "one settings form per realm, never two that contradict");
        }

        // Secure default without any setting: the role ssh-gateway, two minutes.
        realm.admin().components().component(TerminalSettingsAdmin.tab(realm.admin()).orElseThrow().getId()).remove();
        ca.getConfig().put("terminal-handle-seconds", List.of("")); // an update keeps keys it does not name
        realm.admin().components().component(ca.getId()).update(ca);
        assertEquals(120, handleSeconds(api, token, user));
        assertTrue(TerminalSettingsAdmin.tab(realm.admin()).isEmpty());
    }
}
