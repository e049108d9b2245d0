package org.hpcmfa.keycloak.accountrecovery.admin;

import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.accountrecovery.census.CensusPagination;
import org.hpcmfa.keycloak.accountrecovery.census.FactorCensus;
import org.hpcmfa.keycloak.accountrecovery.lostphone.LostPhoneReset;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/account-recovery}: the lost-phone reset of one user (manage-users, per user with
 * fine-grained admin permissions) and the factor census of the realm (view-users). Errors are mfa-common's
 * {@link JsonErrors} shape.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AccountRecoveryAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public AccountRecoveryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /**
     * "Lost phone": removes the user's second factors and recovery codes, ends their sessions, and issues a
     * fresh registration token (mailed unless {@code email=false}, then returned once), all in one transaction.
     */
    @POST
    @Path("users/{userId}/lost-phone")
    public Response lostPhone(@PathParam("userId") String userId,
            @QueryParam("email") @DefaultValue("true") boolean email) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireManage();
            throw new NotFoundException(JsonErrors.response(404, "user_not_found", "No user with id " + userId));
        }
        auth.users().requireManage(user);
        return new LostPhoneReset(session, realm, auth.adminAuth().getUser().getId(), adminEvent).run(user, email);
    }

    /**
     * Users per credential type, and one page of the users without a permanent second factor ({@code first},
     * {@code max} by username); {@code 400 invalid_pagination} for a value that is not a number in range.
     */
    @GET
    @Path("factors")
    public Response factors(@QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        CensusPagination page;
        try {
            page = CensusPagination.parse(first, max);
        } catch (CensusPagination.InvalidPagination e) {
            return JsonErrors.response(400, CensusPagination.InvalidPagination.CODE, e.getMessage());
        }
        return Response.ok(factors(page)).build();
    }

    /** The census itself, also taken by the admin console's page; needs view-users. */
    public Map<String, Object> factors(CensusPagination page) {
        auth.users().requireView();
        return FactorCensus.take(session, realm, page);
    }
}
