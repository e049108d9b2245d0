package org.hpcmfa.keycloak.it.allowlist;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The allow-list as its callers use it: the firewall's list (a firewall client's token), the admin's endpoint
 * (an admin token), and the realm settings tab (a UiTabProvider component, as the console saves it).
 */
final class AllowlistApi {

    static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    static final String TAB_ID = "hpc-login-address-settings-tab";
    static final String FIREWALL_CLIENT = "firewall-sync";
    static final String FIREWALL_SECRET = "firewall-sync-demo-secret";

    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() throws Exception {
            return JsonSerialization.readValue(body, JsonNode.class);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()).stream().findFirst().orElse(null);
        }

        List<String> addresses() throws Exception {
            List<String> all = new ArrayList<>();
            json().path("ipv4").forEach(a -> all.add(a.asText()));
            json().path("ipv6").forEach(a -> all.add(a.asText()));
            return all;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;
    private final String adminUrl;

    AllowlistApi(String realmUrl) {
        this.realmUrl = realmUrl;
        this.adminUrl = realmUrl.replace("/realms/", "/admin/realms/") + "/login-addresses";
    }

    /** Turns the allow-list on or off and sets its other settings, as an admin saves the tab. */
    static void settings(RealmResource realm, Map<String, String> values) {
        String realmId = realm.toRepresentation().getId();
        Optional<ComponentRepresentation> existing = realm.components().query(realmId, TAB_TYPE).stream()
                .filter(c -> TAB_ID.equals(c.getProviderId())).findFirst();
        ComponentRepresentation tab = existing.orElseGet(() -> {
            ComponentRepresentation created = new ComponentRepresentation();
            created.setName(TAB_ID);
            created.setProviderId(TAB_ID);
            created.setProviderType(TAB_TYPE);
            created.setParentId(realmId);
            created.setConfig(new MultivaluedHashMap<>());
            return created;
        });
        values.forEach((k, v) -> tab.getConfig().putSingle(k, v));
        if (existing.isPresent()) {
            realm.components().component(tab.getId()).update(tab);
        } else {
            try (Response created = realm.components().add(tab)) {
                if (created.getStatus() != 201) {
                    throw new AssertionError("saving the allow-list tab: HTTP " + created.getStatus());
                }
            }
        }
    }

    /** The firewall client of the docs: confidential, service account, realm role firewall-sync. */
    static void ensureFirewallClient(RealmResource realm) {
        if (realm.roles().list().stream().noneMatch(r -> FIREWALL_CLIENT.equals(r.getName()))) {
            RoleRepresentation role = new RoleRepresentation();
            role.setName(FIREWALL_CLIENT);
            realm.roles().create(role);
        }
        if (!realm.clients().findByClientId(FIREWALL_CLIENT).isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(FIREWALL_CLIENT);
        client.setSecret(FIREWALL_SECRET);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        try (Response created = realm.clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("creating the firewall client: HTTP " + created.getStatus());
            }
        }
        String id = realm.clients().findByClientId(FIREWALL_CLIENT).get(0).getId();
        String serviceAccount = realm.clients().get(id).getServiceAccountUser().getId();
        realm.users().get(serviceAccount).roles().realmLevel()
                .add(List.of(realm.roles().get(FIREWALL_CLIENT).toRepresentation()));
    }

    Reply firewall(String token, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/login-addresses/" + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    Reply adminList(String adminToken, String userId) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(adminUrl + "/users/" + userId))
                .header("Authorization", "Bearer " + adminToken).GET());
    }

    Reply adminRemove(String adminToken, String userId, String address) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(adminUrl + "/users/" + userId + "?address="
                        + URLEncoder.encode(address, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + adminToken).DELETE());
    }

    /** The addresses the admin endpoint lists for the user. */
    List<String> ofUser(String adminToken, String userId) throws Exception {
        Reply reply = adminList(adminToken, userId);
        if (reply.status() != 200) {
            throw new AssertionError("admin list: " + reply.status() + " " + reply.body());
        }
        List<String> addresses = new ArrayList<>();
        reply.json().path("addresses").forEach(a -> addresses.add(a.path("address").asText()));
        return addresses;
    }

    /** Removes every address of the users, so each test starts from an empty list for them. */
    void clear(String adminToken, List<String> userIds) throws Exception {
        for (String userId : userIds) {
            for (String address : ofUser(adminToken, userId)) {
                adminRemove(adminToken, userId, address);
            }
        }
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().map());
    }
}
