package org.hpcmfa.keycloak.it.sshcert;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Confidential clients with a service account, set up as a realm admin would for an automation job. */
final class ServiceAccounts {

    private ServiceAccounts() {
    }

    /** A new client {@code prefix-<random>} with its service account on and, if given, SSH principals on it. */
    static String create(RealmResource realm, String prefix, List<String> principals) {
        String clientId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        try (Response created = realm.clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("creating client " + clientId + ": HTTP " + created.getStatus());
            }
        }
        if (!principals.isEmpty()) {
            setPrincipals(realm, clientId, principals);
        }
        return clientId;
    }

    /** What {@code kcadm.sh update users/<id> -s 'attributes.ssh-principals=[...]'} does. */
    static void setPrincipals(RealmResource realm, String clientId, List<String> principals) {
        UserRepresentation account = client(realm, clientId).getServiceAccountUser();
        account.setAttributes(Map.of("ssh-principals", principals));
        realm.users().get(account.getId()).update(account);
        List<String> stored = realm.users().get(account.getId()).toRepresentation().getAttributes().get("ssh-principals");
        if (!principals.equals(stored)) {
            throw new AssertionError("principals not stored on the service account: " + stored);
        }
    }

    static String userId(RealmResource realm, String clientId) {
        return client(realm, clientId).getServiceAccountUser().getId();
    }

    static String token(String realmUrl, RealmResource realm, String clientId) throws Exception {
        return new TerminalApi(realmUrl).gatewayToken(clientId, TerminalApi.secret(realm, clientId));
    }

    static ClientResource client(RealmResource realm, String clientId) {
        return realm.clients().get(realm.clients().findByClientId(clientId).get(0).getId());
    }
}
