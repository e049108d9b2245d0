package org.hpcmfa.keycloak.common.console;

import java.util.Optional;

import jakarta.ws.rs.core.UriInfo;
import org.keycloak.Token;
import org.keycloak.common.util.Encode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * The admin behind a save in the admin console's extension tabs and pages (Keycloak's declarative UI). Those
 * forms are stored as components, so Keycloak hands the provider no {@link AdminAuth}; the request was, however,
 * authenticated by Keycloak's admin root, which left the verified access token in the session's context. This
 * rebuilds the admin's identity from that token, so a console action runs the same permission checks and writes
 * the same admin events as the admin REST endpoint it stands for.
 */
public final class ConsoleAdmin {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth auth;

    private ConsoleAdmin(KeycloakSession session, RealmModel realm, AdminAuth auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /**
     * The admin of the current admin request, or empty when there is none: a realm import or a start-up also
     * validates components, and must never trigger an action.
     */
    public static Optional<ConsoleAdmin> of(KeycloakSession session, RealmModel realm) {
        Token bearer = session.getContext().getBearerToken();
        if (!(bearer instanceof AccessToken token) || token.getIssuer() == null || token.getSubject() == null) {
            return Optional.empty();
        }
        String issuer = token.getIssuer();
        RealmModel adminRealm = session.realms().getRealmByName(Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1)));
        if (adminRealm == null) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(adminRealm, token.getSubject());
        ClientModel client = token.getIssuedFor() == null ? null : adminRealm.getClientByClientId(token.getIssuedFor());
        if (user == null || client == null) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleAdmin(session, realm, new AdminAuth(adminRealm, token, user, client)));
    }

    public AdminAuth auth() {
        return auth;
    }

    public AdminPermissionEvaluator permissions() {
        return AdminPermissions.evaluator(session, realm, auth);
    }

    /**
     * An admin event builder whose resource path is the REST endpoint's ({@code pathElements}, relative to the
     * realm), not the component the console saved: the audit trail reads the same whichever way the admin went.
     */
    public AdminEventBuilder events(String... pathElements) {
        return new RestPathAdminEvents(realm, auth, session, pathElements);
    }

    private static final class RestPathAdminEvents extends AdminEventBuilder {

        private final String[] pathElements;

        RestPathAdminEvents(RealmModel realm, AdminAuth auth, KeycloakSession session, String[] pathElements) {
            super(realm, auth, session, session.getContext().getConnection());
            this.pathElements = pathElements.clone();
        }

        @Override
        public AdminEventBuilder resourcePath(UriInfo uriInfo) {
            return resourcePath(pathElements);
        }
    }
}
