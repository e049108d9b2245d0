package org.hpcmfa.keycloak.sshterminal;

import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.sshterminal.settings.TerminalSettings;
import org.keycloak.events.Errors;
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
            throws TerminalRefusal {
        String raw = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        if (raw == null) {
            throw TerminalRefusal.prompt(401, "missing_token", "The login node must send its client-credentials "
                    + "access token as 'Authorization: Bearer <token>'.", TerminalPrompt.MSG_UNAVAILABLE);
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(raw).authenticate();
        if (auth == null) {
            throw TerminalRefusal.keycloak(401, Errors.INVALID_TOKEN, "The access token is not active (expired, "
                    + "revoked or of another realm).", TerminalPrompt.MSG_UNAVAILABLE);
        }
        UserModel serviceAccount = AuthResults.user(auth);
        ClientModel client = AuthResults.client(auth);
        if (serviceAccount.getServiceAccountClientLink() == null || client == null || client.isPublicClient()
                || !client.getId().equals(serviceAccount.getServiceAccountClientLink())) {
            throw TerminalRefusal.prompt(403, "gateway_not_allowed", "Only a confidential client's service account "
                    + "(client-credentials grant) may use the terminal prompt API.", TerminalPrompt.MSG_UNAVAILABLE);
        }
        RoleModel role = realm.getRole(settings.gatewayRole());
        if (role == null || !serviceAccount.hasRole(role)) {
            throw TerminalRefusal.prompt(403, "gateway_not_allowed", "Client '" + client.getClientId()
                    + "' lacks the realm role '" + settings.gatewayRole() + "' that login nodes need.",
                    TerminalPrompt.MSG_UNAVAILABLE);
        }
        // The login node is the client of this request: push questions name it ("Log in to <gateway> ...").
        session.getContext().setClient(client);
        return new GatewayClient(client, AuthResults.token(auth));
    }
}
