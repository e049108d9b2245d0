package org.hpcmfa.keycloak.sshcert.policy;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;

/**
 * The rule for service accounts, in place of the MFA rules (no person logs in, so there is no second factor to
 * prove): the client is listed in "Service accounts allowed to get certificates", and the token is that client's
 * own client-credentials token for its own service account. Judged on the stored client, so unlisting a client or
 * turning its service account off takes effect at once.
 */
final class ServiceAccountRule {

    private ServiceAccountRule() {
    }

    static void authorize(KeycloakSession session, ServiceAccountPolicy policy, CertificateRequester.Caller caller)
            throws SignRefusal {
        String clientId = caller.token().getIssuedFor();
        if (!policy.allows(clientId)) {
            throw SignRefusal.forbidden("service_account_not_allowed", "The service account of client '" + clientId
                    + "' may not get SSH certificates in this realm: an admin must list the client in 'Service "
                    + "accounts allowed to get certificates'.");
        }
        ClientModel client = caller.client();
        boolean ownAccount = client != null && !client.isPublicClient() && client.isServiceAccountsEnabled()
                && client.getId().equals(caller.user().getServiceAccountClientLink());
        if (!ownAccount || !clientCredentialsGrant(session, caller.token())) {
            throw SignRefusal.forbidden("service_account_not_allowed", "Only a client-credentials token that "
                    + "client '" + clientId + "' got for its own service account can be exchanged.");
        }
    }

    /** Keycloak encodes the grant a token came from in its id; a token of any other grant is not automation. */
    static boolean clientCredentialsGrant(KeycloakSession session, AccessToken token) {
        try {
            AccessTokenContext context = session.getProvider(TokenContextEncoderProvider.class)
                    .getTokenContextFromTokenId(token.getId());
            return OAuth2Constants.CLIENT_CREDENTIALS.equals(context.getGrantType());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
