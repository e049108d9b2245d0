package org.hpcmfa.keycloak.push.login;

import org.hpcmfa.keycloak.push.challenge.ChallengeIssuer;
import org.hpcmfa.keycloak.push.challenge.LoginWatch;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.challenge.PushLoginConfig;
import org.hpcmfa.keycloak.push.challenge.PushRequests;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.protocol.WatchTokens;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.UserModel;

/**
 * Sends a new push login request from the browser login ({@link PushRequests}), remembers it in the
 * authentication session, and shows the page that watches for the answer.
 */
final class PushRequestSender {

    private final AuthenticationFlowContext context;
    private final PushCredentialProvider devices;

    PushRequestSender(AuthenticationFlowContext context, PushCredentialProvider devices) {
        this.context = context;
        this.devices = devices;
    }

    /** Shows the waiting page, or why no request was sent; {@code infoKey} confirms an explicit resend. */
    void send(String infoKey) {
        PushLoginConfig config = PushLoginConfig.from(context.getAuthenticatorConfig());
        PushLoginPage page = new PushLoginPage(context);
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE);
        String ip = context.getConnection() == null ? null : context.getConnection().getRemoteAddr();
        PushRequests.Sent sent = PushRequests.send(context.getSession(), context.getRealm(), user,
                devices.devices(user), config, context.getAuthenticationSession().getClient(), ip);
        if (sent.status() == PushRequests.Status.NO_DEVICE) {
            context.getEvent().error(PushEvents.ERROR_NO_DEVICE);
            context.challenge(page.idle(PushLoginPage.MSG_NO_DEVICE));
            return;
        }
        if (sent.status() == PushRequests.Status.RATE_LIMITED) {
            context.getEvent().error(PushEvents.ERROR_RATE_LIMITED);
            context.challenge(page.idle(PushLoginPage.MSG_RATE_LIMITED));
            return;
        }
        ChallengeIssuer.Issued issued = sent.issued();
        String watch = WatchTokens.create();
        new LoginWatch(context.getSession().singleUseObjects(), context.getRealm().getId())
                .watch(watch, issued.nonces(), config.timeoutSeconds() + 60);
        PushAuthenticator.remember(context.getAuthenticationSession(), issued.nonces(), watch, issued.expiresAt(),
                issued.number(), config.codeToPhone());
        context.challenge(page.waiting(issued.number(), watch, issued.expiresAt() - Time.currentTime(), infoKey));
    }
}
