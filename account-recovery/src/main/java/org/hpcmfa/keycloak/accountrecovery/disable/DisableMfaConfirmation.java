package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.enrolment.PortalUrl;
import org.hpcmfa.keycloak.common.factors.EmailCodes;
import org.hpcmfa.keycloak.common.factors.FactorView;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawal;
import org.hpcmfa.keycloak.common.trust.TrustWithdrawals;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationSessionManager;

/**
 * The confirm mode of "Disable two-factor login", reached through the emailed link: a page naming the factors
 * the link will remove, with "Disable two-factor login" and "Keep two-factor login". Pressing either claims the
 * link in Keycloak's cluster-wide single-use store (of two presses, on any nodes, exactly one wins), so a link
 * works once; "Disable" then removes exactly the factors the link is bound to, and revokes the user's SSH
 * certificates (trust-withdrawn SPI of mfa-common) in the same transaction.
 */
final class DisableMfaConfirmation {

    static final String TEMPLATE_CONFIRM = "hpc-disable-mfa-confirm.ftl";
    static final String TEMPLATE_DONE = "hpc-disable-mfa-done.ftl";
    static final String CONFIRM = "confirm";
    static final String KEEP = "keep";

    private DisableMfaConfirmation() {
    }

    static void challenge(RequiredActionContext context, PendingConfirmation link) {
        if (refuseUnusable(context, link)) {
            return;
        }
        FactorPlan plan = FactorPlan.of(SecondFactors.of(context.getUser()), link.credentialIds());
        if (plan.nothingToRemove()) {
            refuse(context, link, DisableMfaEvents.ERROR_FACTORS_GONE, DisableMfaMessages.FACTORS_GONE);
            return;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("username", context.getUser().getUsername());
        page.put("factors", FactorView.of(plan.remove()));
        page.put("kept", FactorView.of(plan.keep()));
        page.put("emailCodeStays", EmailCodes.stayFor(context.getUser(), context.getRealm(), context.getAuthenticationSession().getClient()));
        context.challenge(context.form().setAttribute("disableMfa", page).createForm(TEMPLATE_CONFIRM));
    }

    static void process(RequiredActionContext context, PendingConfirmation link) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean confirm = form.containsKey(CONFIRM);
        if (!confirm && !form.containsKey(KEEP)) {
            challenge(context, link);
            return;
        }
        if (refuseUnusable(context, link)) {
            return;
        }
        long now = Time.currentTime();
        if (!context.getSession().singleUseObjects().putIfAbsent(link.singleUseKey(), link.markLifespanSeconds(now))) {
            refuse(context, link, DisableMfaEvents.ERROR_LINK_USED, DisableMfaMessages.LINK_USED);
            return;
        }
        UserModel user = context.getUser();
        if (!confirm) {
            event(context, link).error(Errors.REJECTED_BY_USER);
            finish(context, "KEPT", List.of(), List.of());
            return;
        }
        List<CredentialModel> removed = SecondFactors.remove(user, link.credentialIds());
        if (removed.isEmpty()) {
            refuse(context, link, DisableMfaEvents.ERROR_FACTORS_GONE, DisableMfaMessages.FACTORS_GONE);
            return;
        }
        // Before the event below: what the removed factors' logins obtained goes with them, in this transaction.
        TrustWithdrawals.announce(context.getSession(), context.getRealm(), user, TrustWithdrawal.Reason.MFA_DISABLED,
                "user:" + user.getId());
        List<CredentialModel> kept = SecondFactors.of(user);
        EventBuilder event = event(context, link).event(EventType.REMOVE_CREDENTIAL)
                .detail(DisableMfaEvents.REMOVED, SecondFactors.types(removed));
        if (!kept.isEmpty()) {
            event.detail(DisableMfaEvents.KEPT, SecondFactors.types(kept));
        }
        event.success();
        finish(context, "DONE", removed, kept);
    }

    /** A link whose time ran out while its page was open, or whose action the realm disabled meanwhile. */
    private static boolean refuseUnusable(RequiredActionContext context, PendingConfirmation link) {
        if (!DisableMfaActionTokenHandler.enabled(context.getRealm())) {
            refuse(context, link, DisableMfaEvents.ERROR_NOT_ENABLED, DisableMfaMessages.UNAVAILABLE);
            return true;
        }
        if (link.isPastValidity(Time.currentTime())) {
            refuse(context, link, DisableMfaEvents.ERROR_LINK_EXPIRED, DisableMfaMessages.LINK_EXPIRED);
            return true;
        }
        return false;
    }

    private static void refuse(RequiredActionContext context, PendingConfirmation link, String error, String message) {
        event(context, link).error(error);
        endAuthenticationSession(context);
        context.challenge(context.form().setError(message).createErrorPage(Response.Status.BAD_REQUEST));
    }

    private static void finish(RequiredActionContext context, String state, List<CredentialModel> removed,
            List<CredentialModel> kept) {
        RealmModel realm = context.getRealm();
        Map<String, Object> page = new HashMap<>();
        page.put("state", state);
        page.put("username", context.getUser().getUsername());
        page.put("removed", FactorView.of(removed));
        page.put("kept", FactorView.of(kept));
        page.put("emailCodeStays", EmailCodes.stayFor(context.getUser(), context.getRealm(), context.getAuthenticationSession().getClient()));
        page.put("portalUrl", PortalUrl.of(realm, context.getSession().getContext().getUri().getBaseUri()));
        endAuthenticationSession(context);
        context.challenge(context.form().setAttribute("disableMfa", page).createForm(TEMPLATE_DONE));
    }

    /** The link's journey ends here: nothing of it may continue into a login. */
    private static void endAuthenticationSession(RequiredActionContext context) {
        new AuthenticationSessionManager(context.getSession())
                .removeAuthenticationSession(context.getRealm(), context.getAuthenticationSession(), true);
    }

    private static EventBuilder event(RequiredActionContext context, PendingConfirmation link) {
        return context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL)
                .user(context.getUser())
                .detail(Details.REASON, DisableMfaEvents.REASON)
                .detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID)
                .detail(Details.TOKEN_ID, link.tokenId());
    }
}
