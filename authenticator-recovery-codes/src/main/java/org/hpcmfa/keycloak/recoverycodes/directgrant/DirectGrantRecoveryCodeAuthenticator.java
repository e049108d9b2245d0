package org.hpcmfa.keycloak.recoverycodes.directgrant;

import jakarta.ws.rs.core.Response;

import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.recoverycodes.RecoveryCodeEvents;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A recovery code as the second factor of a direct grant (the terminal command's username, password and code): any
 * unused code of the user, once, with the same lock and accounting as the login page. Refusals are the token
 * endpoint's {@code invalid_grant}, as Keycloak's OTP step answers; a wrong code is a failed login for the
 * brute-force detector. A busy set (another login using a code right now) is not a guess and is not counted.
 */
public class DirectGrantRecoveryCodeAuthenticator implements Authenticator {

    static final String INVALID = "Invalid user credentials";
    static final String BUSY = "Another sign-in is using one of your recovery codes right now. Try again in a moment.";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(RecoveryCodeEvents.CREDENTIAL_TYPE, RecoveryCodes.TYPE);
        RecoveryCodes.Use use = RecoveryCodes.use(context.getSession(), context.getRealm(), user,
                DirectGrantCode.typed(context));
        switch (use.outcome()) {
            case ACCEPTED -> {
                context.getEvent().detail(RecoveryCodeEvents.REMAINING, String.valueOf(use.remaining()));
                context.success();
            }
            case BUSY -> {
                context.getEvent().error(RecoveryCodeEvents.ERROR_BUSY);
                context.challenge(JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                        "temporarily_unavailable", BUSY));
            }
            case WRONG, NO_CODES -> {
                context.getEvent().error(use.outcome() == RecoveryCodes.Outcome.NO_CODES
                        ? RecoveryCodeEvents.ERROR_NO_CODES_LEFT : Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                        JsonErrors.response(Response.Status.UNAUTHORIZED.getStatusCode(), "invalid_grant", INVALID));
            }
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // A direct grant is one request: nothing is ever posted back.
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Always: a person without codes who types something shaped like one gets the same {@code invalid_grant} (and
     * failed-login count) as a wrong code, from this step, rather than Keycloak's "set-up required" exception.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
