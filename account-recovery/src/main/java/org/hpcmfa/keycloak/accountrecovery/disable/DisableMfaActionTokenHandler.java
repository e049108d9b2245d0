package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.Locale;
import java.util.Objects;

import jakarta.ws.rs.core.Response;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.TokenUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens the emailed link. Keycloak has checked the signature, the user and the client; the checks below explain
 * in the user's language why a link no longer works. Opening the link removes nothing: it only hands the link's
 * facts to the authentication session and sends the browser to the confirmation page of
 * {@link DisableMfaAction}, whose button (a POST) does the removal. Mail scanners that GET every link therefore
 * change nothing, and the link stays usable for the person.
 */
public class DisableMfaActionTokenHandler extends AbstractActionTokenHandler<DisableMfaActionToken> {

    public DisableMfaActionTokenHandler() {
        super(DisableMfaActionToken.TOKEN_TYPE, DisableMfaActionToken.class, DisableMfaMessages.LINK_INVALID,
                EventType.REMOVE_CREDENTIAL, Errors.INVALID_TOKEN);
    }

    @Override
    @SuppressWarnings("unchecked") // Keycloak's TokenUtils.predicates is generic varargs
    public Predicate<? super DisableMfaActionToken>[] getVerifiers(ActionTokenContext<DisableMfaActionToken> context) {
        return TokenUtils.predicates(
                TokenUtils.checkThat(t -> enabled(context.getRealm()),
                        DisableMfaEvents.ERROR_NOT_ENABLED, DisableMfaMessages.UNAVAILABLE),
                TokenUtils.checkThat(t -> !t.isPastValidity(Time.currentTime()),
                        DisableMfaEvents.ERROR_LINK_EXPIRED, DisableMfaMessages.LINK_EXPIRED),
                TokenUtils.checkThat(t -> !context.getSession().singleUseObjects().contains(t.serializeKey()),
                        DisableMfaEvents.ERROR_LINK_USED, DisableMfaMessages.LINK_USED),
                TokenUtils.checkThat(t -> sameEmail(t.getEmail(),
                                context.getAuthenticationSession().getAuthenticatedUser()),
                        DisableMfaEvents.ERROR_EMAIL_CHANGED, DisableMfaMessages.LINK_EMAIL_CHANGED));
    }

    @Override
    public Response handleToken(DisableMfaActionToken token, ActionTokenContext<DisableMfaActionToken> context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PendingConfirmation.store(authSession, token);
        authSession.addRequiredAction(DisableMfaAction.ID);
        String next = AuthenticationManager.nextRequiredAction(context.getSession(), authSession,
                context.getRequest(), context.getEvent());
        return AuthenticationManager.redirectToRequiredActions(context.getSession(), context.getRealm(), authSession,
                context.getUriInfo(), next);
    }

    /** Single use: the confirmation button claims the link atomically, and Keycloak refuses a claimed one. */
    @Override
    public boolean canUseTokenRepeatedly(DisableMfaActionToken token, ActionTokenContext<DisableMfaActionToken> context) {
        return false;
    }

    static boolean enabled(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(DisableMfaAction.ID);
        return model != null && model.isEnabled();
    }

    private static boolean sameEmail(String mailedTo, UserModel user) {
        String current = user == null ? null : user.getEmail();
        return mailedTo != null && current != null
                && Objects.equals(mailedTo.toLowerCase(Locale.ROOT), current.toLowerCase(Locale.ROOT));
    }
}
