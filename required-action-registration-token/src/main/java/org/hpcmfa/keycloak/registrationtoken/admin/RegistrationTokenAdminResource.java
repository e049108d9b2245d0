package org.hpcmfa.keycloak.registrationtoken.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.common.enrolment.IssuedTokenAnswer;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.registrationtoken.issue.GroupOnboarding;
import org.hpcmfa.keycloak.registrationtoken.issue.RegistrationTokenIssuer;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/registration-tokens}: issue a user's registration token, see its state, or issue one
 * for every member of a group who has no second factor yet. (The lost-phone reset and the factor census are
 * account-recovery's, at {@code /admin/realms/{realm}/account-recovery}.) Callers need manage-users (per user, with fine-grained admin
 * permissions). Errors are JSON {@code {"error": ..., "error_description": ...}}.
 */
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationTokenAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public RegistrationTokenAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /** Issues or re-issues one user's token; mails it unless {@code email=false}, then returns it once. */
    @POST
    @Path("users/{userId}")
    public Response issueForUser(@PathParam("userId") String userId,
            @QueryParam("email") @DefaultValue("true") boolean email) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireManage();
            throw new NotFoundException(error("user_not_found", "No user with id " + userId));
        }
        auth.users().requireManage(user);
        if (email && (user.getEmail() == null || user.getEmail().isBlank())) {
            return error(Response.Status.BAD_REQUEST, "user_has_no_email",
                    "User " + user.getUsername() + " has no email address; issue with email=false to get the token.");
        }
        EnrolmentTokenIssuer.Issued issued;
        try {
            issued = RegistrationTokenIssuer.issue(session, realm, user, auth.adminAuth().getUser().getId(), email,
                    session.getContext().getUri().getBaseUri());
        } catch (EnrolmentTokenIssuer.MailFailed e) {
            // Keep the user's earlier token: nothing of this request is stored.
            session.getTransactionManager().setRollbackOnly();
            return error(Response.Status.BAD_GATEWAY, "email_failed", e.getMessage());
        }
        return Response.ok(IssuedTokenAnswer.record(session, adminEvent, user, issued, email)).build();
    }

    /** The state of a user's token, without the token. */
    @GET
    @Path("users/{userId}")
    public Map<String, Object> status(@PathParam("userId") String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireView();
            throw new NotFoundException(error("user_not_found", "No user with id " + userId));
        }
        auth.users().requireView(user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user.getId());
        body.put("username", user.getUsername());
        RegistrationTokenIssuer.provider(session).current(user).ifPresentOrElse(token -> {
            body.put("present", true);
            body.put("expiresAt", token.getExpiresAt());
            body.put("used", token.isUsed());
        }, () -> body.put("present", false));
        return body;
    }

    /**
     * Onboards a group: a token (mailed) for every direct member who has no second factor yet. Each member is
     * handled in its own transaction, so one failing mail neither stops nor undoes the others.
     */
    @POST
    @Path("groups/{groupId}")
    public Response issueForGroup(@PathParam("groupId") String groupId) {
        auth.users().requireManage();
        GroupModel group = realm.getGroupById(groupId);
        if (group == null) {
            throw new NotFoundException(error("group_not_found", "No group with id " + groupId));
        }
        List<String> memberIds = new ArrayList<>(session.users().getGroupMembersStream(realm, group)
                .filter(auth.users()::canManage)
                .map(UserModel::getId)
                .toList());
        GroupOnboarding.Report report = GroupOnboarding.run(session.getKeycloakSessionFactory(), realm.getId(),
                memberIds, auth.adminAuth().getUser().getId(),
                session.getContext().getUri().getBaseUri());
        adminEvent.operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("issued", report.issued().size(), "skipped", report.skipped().size(),
                        "failed", report.failed().size()))
                .success();
        return Response.ok(report).build();
    }

    private static Response error(Response.Status status, String code, String description) {
        return JsonErrors.response(status.getStatusCode(), code, description);
    }

    private static Response error(String code, String description) {
        return error(Response.Status.NOT_FOUND, code, description);
    }
}
