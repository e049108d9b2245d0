package org.hpcmfa.keycloak.allowlist.firewall;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The firewall (a login node's sync script) reading the list: an active token of a confidential client's own
 * service account holding the firewall role. Judged on the stored client and roles, not on the token's claims, so
 * removing the role takes effect at once. A person's token is refused whatever roles the person has: the list
 * names everyone's addresses.
 */
record FirewallClient(ClientModel client) {

    static FirewallClient authenticate(KeycloakSession session, RealmModel realm, AllowlistSettings settings)
            throws FirewallRefusal {
        String raw = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        if (raw == null) {
            throw new FirewallRefusal(401, "missing_token", "The firewall client must send its client-credentials "
                    + "access token as 'Authorization: Bearer <token>'.");
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(raw).authenticate();
        if (auth == null) {
            throw new FirewallRefusal(401, "invalid_token", "The access token is not active (expired, revoked or "
                    + "of another realm).");
        }
        UserModel serviceAccount = AuthResults.user(auth);
        ClientModel client = AuthResults.client(auth);
        if (serviceAccount.getServiceAccountClientLink() == null || client == null || client.isPublicClient()
                || !client.getId().equals(serviceAccount.getServiceAccountClientLink())) {
            throw new FirewallRefusal(403, "firewall_not_allowed", "Only a confidential client's service account "
                    + "(client-credentials grant) may read the login-address list.");
        }
        RoleModel role = realm.getRole(settings.firewallRole());
        if (role == null || !serviceAccount.hasRole(role)) {
            throw new FirewallRefusal(403, "firewall_not_allowed", "Client '" + client.getClientId()
                    + "' lacks the realm role '" + settings.firewallRole() + "' that firewall clients need.");
        }
        return new FirewallClient(client);
    }
}
