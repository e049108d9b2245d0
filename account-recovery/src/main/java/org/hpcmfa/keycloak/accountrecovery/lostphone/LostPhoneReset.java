package org.hpcmfa.keycloak.accountrecovery.lostphone;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.common.enrolment.IssuedTokenAnswer;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * One admin's lost-phone reset of one user, in the request's transaction: {@link LostPhone#reset} takes the factors
 * and the trust away, then a fresh registration token is issued through mfa-common's {@link EnrolmentTokenIssuer}
 * SPI (the registration-token module), mailed or returned once. When no token can be issued, the transaction is
 * rolled back: the user keeps the old factors rather than being left with none and no way to enrol.
 */
public final class LostPhoneReset {

    /** Detail of the REMOVE_CREDENTIAL event: the types of the removed credentials. */
    static final String REMOVED = "removed_credentials";
    /** Detail of the REMOVE_CREDENTIAL event: the admin's user id. */
    static final String ISSUED_BY = "issued_by";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String adminId;
    private final AdminEventBuilder adminEvent;

    public LostPhoneReset(KeycloakSession session, RealmModel realm, String adminId, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.adminId = adminId;
        this.adminEvent = adminEvent;
    }

    /** The reset of {@code user} (the caller checked the admin may manage them); the REST answer. */
    public Response run(UserModel user, boolean email) {
        EnrolmentTokenIssuer issuer = session.getProvider(EnrolmentTokenIssuer.class);
        if (issuer == null) {
            return JsonErrors.response(501, "registration_tokens_not_installed", "The lost-phone reset issues a "
                    + "registration token, and the registration-token jar is not installed. Nothing was changed.");
        }
        if (email && (user.getEmail() == null || user.getEmail().isBlank())) {
            return JsonErrors.response(400, "user_has_no_email",
                    "User " + user.getUsername() + " has no email address; issue with email=false to get the token.");
        }
        List<String> removed = LostPhone.reset(session, realm, user, adminId);
        EnrolmentTokenIssuer.Issued issued;
        try {
            issued = issuer.issue(session, realm, user, adminId, email, session.getContext().getUri().getBaseUri());
        } catch (EnrolmentTokenIssuer.MailFailed e) {
            session.getTransactionManager().setRollbackOnly(); // no token, no reset: the user keeps the old factors
            return JsonErrors.response(502, "email_failed", e.getMessage());
        }
        Map<String, Object> body = IssuedTokenAnswer.record(session, adminEvent, user, issued, email);
        body.put("removedCredentials", removed);
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL).user(user)
                .detail(Details.REASON, TrustWithdrawal.Reason.LOST_PHONE.code())
                .detail(REMOVED, String.join(",", removed))
                .detail(ISSUED_BY, adminId)
                .success();
        return Response.ok(body).build();
    }
}
