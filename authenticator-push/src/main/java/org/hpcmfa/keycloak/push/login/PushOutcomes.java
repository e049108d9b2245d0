package org.hpcmfa.keycloak.push.login;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.push.challenge.PushDeclines;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.challenge.PushLoginConfig;
import org.hpcmfa.keycloak.push.challenge.PushOutcome;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/** What the phone's answer means for this login. */
final class PushOutcomes {

    private final AuthenticationFlowContext context;
    private final PushLoginPage page;

    PushOutcomes(AuthenticationFlowContext context, PushLoginPage page) {
        this.context = context;
        this.page = page;
    }

    void handle(PushOutcome outcome) {
        UserModel user = context.getUser();
        switch (outcome) {
            case APPROVED -> {
                PushDeclines.recordApproval(context.getSession(), context.getRealm(), user);
                context.success(CredentialTypes.PUSH);
            }
            case DECLINED -> declined(user);
            case CANCELLED -> {
                context.getEvent().error(PushEvents.ERROR_CANCELLED);
                context.challenge(page.idle(PushLoginPage.MSG_CANCELLED));
            }
            case WRONG_NUMBER, CODE_SHOWN -> {
                // A wrong number is what a reflex tap on someone else's request looks like: a failed login. A
                // shown code never gets here (the page asks for it), and must not complete the login if it did.
                context.getEvent().error(PushEvents.ERROR_WRONG_NUMBER);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        page.idle(PushLoginPage.MSG_WRONG_NUMBER));
            }
        }
    }

    private void declined(UserModel user) {
        PushLoginConfig config = PushLoginConfig.from(context.getAuthenticatorConfig());
        boolean locked = PushDeclines.recordDecline(context.getSession(), context.getRealm(), user, config,
                Time.currentTime());
        context.getEvent().clone().detail(Details.REASON, "the user answered 'this was not me' on the phone")
                .error(PushEvents.ERROR_DECLINED);
        if (locked) {
            new EventBuilder(context.getRealm(), context.getSession(), context.getConnection())
                    .event(EventType.LOGIN_ERROR).user(user).client(context.getAuthenticationSession().getClient())
                    .detail(Details.CREDENTIAL_TYPE, CredentialTypes.PUSH)
                    .detail("lock_minutes", String.valueOf(config.lockMinutes()))
                    .error(PushEvents.ERROR_LOCKED);
        }
        context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                page.ended(locked ? PushLoginPage.MSG_LOCKED : PushLoginPage.MSG_DECLINED));
    }
}
