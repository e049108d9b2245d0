package org.hpcmfa.keycloak.allowlist.admin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.allowlist.record.LoginAddress;
import org.hpcmfa.keycloak.allowlist.self.AddressRows;
import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/login-addresses/users/{id}}: {@code GET} lists the user's allowed addresses (view
 * permission on the user), {@code DELETE ?address=...} removes one (manage permission), with an admin event.
 */
public class LoginAddressesAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public LoginAddressesAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @GET
    @Path("users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("id") String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            return JsonErrors.response(404, "user_not_found", "No user with that id.");
        }
        auth.users().requireView(user);
        return Response.ok(Map.of("addresses", rows(user))).build();
    }

    @DELETE
    @Path("users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("id") String userId, @QueryParam("address") String raw) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            return JsonErrors.response(404, "user_not_found", "No user with that id.");
        }
        auth.users().requireManage(user);
        String address = LoginAddress.canonical(raw).orElse(null);
        if (address == null) {
            return JsonErrors.response(400, "invalid_address", "'address' must be one IPv4 or IPv6 address.");
        }
        if (!new LoginAddresses(session, realm.getId()).remove(user.getId(), address)) {
            return JsonErrors.response(404, "address_not_found", "The user has no allowed address " + address + ".");
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .representation(Map.of("address", address)).success();
        return Response.ok(Map.of("removed", address, "addresses", rows(user))).build();
    }

    private List<Map<String, Object>> rows(UserModel user) {
        return AddressRows.of(new LoginAddresses(session, realm.getId()).ofUser(user.getId()),
                AllowlistSettings.of(realm), Time.currentTime());
    }
}
