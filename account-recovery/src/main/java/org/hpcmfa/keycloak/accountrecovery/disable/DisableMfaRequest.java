package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.factors.EmailCodes;
import org.hpcmfa.keycloak.common.factors.FactorView;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The request mode of "Disable two-factor login", after Keycloak asked for the credentials again: the page
 * lists the user's second factors and offers "Send confirmation email" and "Cancel"; sending mails the link and
 * says for how long it works. Users without a second factor, or without a usable address, get a page saying so
 * and nothing is mailed. The factors themselves are only removed through the link.
 */
final class DisableMfaRequest {

    private static final Logger LOG = Logger.getLogger(DisableMfaRequest.class);

    static final String TEMPLATE = "hpc-disable-mfa-request.ftl";
    /** The form button that mails the link. */
    static final String SEND = "send";
    /** Keycloak's cancel button of application-initiated actions (it handles it itself for those). */
    static final String CANCEL = "cancel-aia";
    private static final String NOTE_SENT_TO = "hpc-disable-mfa.sent-to";

    enum State { READY, NOTHING_TO_REMOVE, NO_EMAIL, EMAIL_NOT_VERIFIED, SENT }

    private DisableMfaRequest() {
    }

    static void challenge(RequiredActionContext context) {
        if (sentTo(context) != null) {
            context.challenge(sentPage(context));
            return;
        }
        State state = state(context);
        if (state != State.READY) {
            refused(context, state);
        }
        context.challenge(page(context, state, null));
    }

    static void process(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CANCEL) || sentTo(context) != null) {
            // Keycloak answers Cancel of an application-initiated action itself; this is the same choice when an
            // admin set the action on the user, and "Continue" after the mail went out.
            context.success();
            return;
        }
        State state = state(context);
        if (!form.containsKey(SEND) || state != State.READY) {
            challenge(context);
            return;
        }
        send(context);
    }

    private static void send(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        DisableMfaSettings settings = DisableMfaSettings.of(realm);
        List<CredentialModel> factors = SecondFactors.of(user);
        DisableMfaActionToken token = new DisableMfaActionToken(user.getId(), user.getEmail(),
                authSession.getClient().getClientId(), Time.currentTime() + settings.linkValiditySeconds(),
                factors.stream().map(CredentialModel::getId).toList());
        String link = LoginActionsService.actionTokenProcessor(context.getUriInfo())
                .queryParam(Constants.KEY, token.serialize(session, realm, context.getUriInfo()))
                .build(realm.getName()).toString();
        var event = context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL)
                .detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID)
                .detail(Details.EMAIL, user.getEmail())
                .detail(Details.TOKEN_ID, token.getId())
                .detail(DisableMfaEvents.BOUND, SecondFactors.types(factors))
                .detail(DisableMfaEvents.LINK_VALID_MINUTES, String.valueOf(settings.linkValidityMinutes()));
        try {
            DisableMfaMailer.send(session, realm, user, link, settings.linkValidityMinutes());
        } catch (EmailException e) {
            // The cause names the mail server's problem; the link is never logged.
            LOG.warnf("Could not mail the disable-MFA confirmation link to user %s of realm %s: %s", user.getId(),
                    realm.getName(), e.getMessage());
            event.event(EventType.SEND_VERIFY_EMAIL_ERROR).error(DisableMfaEvents.ERROR_SEND_FAILED);
            context.challenge(page(context, State.READY, DisableMfaMessages.SEND_FAILED));
            return;
        }
        event.success();
        authSession.setAuthNote(NOTE_SENT_TO, user.getEmail());
        context.challenge(sentPage(context));
    }

    private static State state(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (SecondFactors.of(user).isEmpty()) {
            return State.NOTHING_TO_REMOVE;
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return State.NO_EMAIL;
        }
        if (!user.isEmailVerified() && !DisableMfaSettings.of(context.getRealm()).allowUnverifiedEmail()) {
            return State.EMAIL_NOT_VERIFIED;
        }
        return State.READY;
    }

    private static void refused(RequiredActionContext context, State state) {
        String error = switch (state) {
            case NOTHING_TO_REMOVE -> DisableMfaEvents.ERROR_NO_SECOND_FACTOR;
            case NO_EMAIL -> DisableMfaEvents.ERROR_NO_EMAIL;
            default -> DisableMfaEvents.ERROR_EMAIL_NOT_VERIFIED;
        };
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID)
                .error(error);
    }

    private static String sentTo(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(NOTE_SENT_TO);
    }

    private static Response sentPage(RequiredActionContext context) {
        return page(context, State.SENT, null);
    }

    private static Response page(RequiredActionContext context, State state, String error) {
        UserModel user = context.getUser();
        Map<String, Object> page = new HashMap<>();
        page.put("state", state.name());
        page.put("username", user.getUsername());
        page.put("factors", FactorView.of(SecondFactors.of(user)));
        page.put("email", state == State.SENT ? sentTo(context) : user.getEmail() == null ? "" : user.getEmail());
        page.put("linkValidityMinutes", DisableMfaSettings.of(context.getRealm()).linkValidityMinutes());
        page.put("emailCodeStays", EmailCodes.stayFor(user, context.getRealm(), context.getAuthenticationSession().getClient()));
        var form = context.form().setAttribute("disableMfa", page);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
