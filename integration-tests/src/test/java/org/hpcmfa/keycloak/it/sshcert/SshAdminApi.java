package org.hpcmfa.keycloak.it.sshcert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** What a realm admin does with the SSH CA: change its policy, rotate its key, revoke certificates. */
public final class SshAdminApi {

    private SshAdminApi() {
    }

    static ComponentRepresentation ca(ManagedRealm realm) {
        return realm.admin().components().query(realm.getId(), "org.keycloak.keys.KeyProvider", "ssh-user-ca").get(0);
    }

    /** Sets policy values on the CA, as the admin console's form would. */
    public static void configure(ManagedRealm realm, Map<String, List<String>> values) {
        ComponentRepresentation ca = ca(realm);
        values.forEach((k, v) -> ca.getConfig().put(k, v));
        realm.admin().components().component(ca.getId()).update(ca);
    }

    static void rotate(ManagedRealm realm) {
        configure(realm, Map.of("rotate-key", List.of("true")));
    }

    /** {@code POST /admin/realms/{realm}/ssh-ca/revoke}; returns the HTTP status. */
    static int revoke(Keycloak admin, String realm, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080/admin/realms/" + realm + "/ssh-ca/revoke"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
