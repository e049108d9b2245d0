package org.hpcmfa.keycloak.sshcert.terminal;

import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The login node calling the terminal endpoints: an active client-credentials token of a confidential client
 * whose service account holds the gateway role. Judged on the stored client and roles, not on the token's claims,
 * so removing the role takes effect at once.
 */
public record GatewayClient(ClientModel client, AccessToken token) {

    public static GatewayClient authenticate(KeycloakSession session, RealmModel realm, TerminalSettings settings)
            throws SignRefusal {
        String raw = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        if (raw == null) {
            throw SignRefusal.unauthorized("missing_token", "The login node must send its client-credentials "
                    + "access token as 'Authorization: Bearer <token>'.");
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(raw).authenticate();
        if (auth == null) {
            throw SignRefusal.unauthorized("invalid_token", "The access token is not active (expired, revoked or "
                    + "of another realm).");
        }
        UserModel serviceAccount = AuthResults.user(auth);
        ClientModel client = AuthResults.client(auth);
        if (serviceAccount.getServiceAccountClientLink() == null || client == null || client.isPublicClient()
                || !client.getId().equals(serviceAccount.getServiceAccountClientLink())) {
            throw SignRefusal.forbidden("gateway_not_allowed", "Only a confidential client's service account "
                    + "(client-credentials grant) may use the terminal prompt API.");
        }
        RoleModel role = realm.getRole(settings.gatewayRole());
        if (role == null || !serviceAccount.hasRole(role)) {
            throw SignRefusal.forbidden("gateway_not_allowed", "Client '" + client.getClientId()
                    + "' lacks the realm role '" + settings.gatewayRole() + "' that login nodes need.");
        }
        // The login node is the client of this request: push questions name it ("Log in to <gateway> ...").
        session.getContext().setClient(client);
        return new GatewayClient(client, AuthResults.token(auth));
    }
}
