package org.hpcmfa.keycloak.push.login;

import java.util.List;

import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.fcm.FcmAnnouncer;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.protocol.PushUrls;
import org.hpcmfa.keycloak.push.protocol.WatchTokens;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends a new push login request: within the per-user limit, one challenge per phone, announced through FCM
 * when configured, remembered in the authentication session, and watched by the page.
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
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE);
        List<PushDeviceCredentialModel> phones = devices.devices(user);
        if (phones.isEmpty()) {
            context.getEvent().error(PushEvents.ERROR_NO_DEVICE);
            context.challenge(page.idle(PushLoginPage.MSG_NO_DEVICE));
            return;
        }
        RollingWindowLimit limit = new RollingWindowLimit(context.getSession().singleUseObjects(),
                "hpc-push:requests:" + realm.getId() + ":" + user.getId(), config.challengesPerMinute(), 60);
        if (limit.tryAcquire() < 0) {
            context.getEvent().error(PushEvents.ERROR_RATE_LIMITED);
            context.challenge(page.idle(PushLoginPage.MSG_RATE_LIMITED));
            return;
        }
        PushSettings settings = PushSettings.of(realm);
        String appUrl = PushUrls.appUrl(context.getSession().getContext().getUri().getBaseUri(), realm.getName(),
                settings.appUrl());
        long now = Time.currentTime();
        ChallengeIssuer.Issued issued = new ChallengeIssuer(realm, context.getSession().singleUseObjects(), settings,
                appUrl).issue(user.getId(), phones, config, question(config, user), now);
        if (issued.nonces().isEmpty()) {
            context.getEvent().error(PushEvents.ERROR_NO_DEVICE);
            context.challenge(page.idle(PushLoginPage.MSG_NO_DEVICE));
            return;
        }
        if (settings.fcmEnabled()) {
            new FcmAnnouncer(context.getSession(), settings).announce(user, issued.payloads());
        }
        String watch = WatchTokens.create();
        new LoginWatch(context.getSession().singleUseObjects(), realm.getId())
                .watch(watch, issued.nonces(), config.timeoutSeconds() + 60);
        PushAuthenticator.remember(context.getAuthenticationSession(), issued.nonces(), watch, issued.expiresAt(),
                issued.number());
        context.challenge(page.waiting(issued.number(), watch, issued.expiresAt() - now, infoKey));
    }

    private String question(PushLoginConfig config, UserModel user) {
        String ip = context.getConnection() == null ? "" : context.getConnection().getRemoteAddr();
        return config.question().replace("{username}", user.getUsername()).replace("{client_ip}", ip == null ? "" : ip);
    }
}
