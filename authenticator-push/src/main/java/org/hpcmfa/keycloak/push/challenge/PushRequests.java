package org.hpcmfa.keycloak.push.challenge;

import java.util.List;

import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.fcm.FcmAnnouncer;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.protocol.PushUrls;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends one push login request to all of a user's phones, for the browser login and the SSH terminal prompt
 * alike: within the per-user limit, one signed challenge per phone, announced through FCM when configured.
 */
public final class PushRequests {

    public enum Status { SENT, NO_DEVICE, RATE_LIMITED }

    /** {@code issued} is null unless the status is SENT. */
    public record Sent(Status status, ChallengeIssuer.Issued issued) {
    }

    private PushRequests() {
    }

    public static Sent send(KeycloakSession session, RealmModel realm, UserModel user,
            List<PushDeviceCredentialModel> phones, PushLoginConfig config, ClientModel client, String clientIp) {
        if (phones.isEmpty()) {
            return new Sent(Status.NO_DEVICE, null);
        }
        RollingWindowLimit limit = new RollingWindowLimit(session.singleUseObjects(),
                "hpc-push:requests:" + realm.getId() + ":" + user.getId(), config.challengesPerMinute(), 60);
        if (limit.tryAcquire() < 0) {
            return new Sent(Status.RATE_LIMITED, null);
        }
        PushSettings settings = PushSettings.of(realm);
        String appUrl = PushUrls.appUrl(session.getContext().getUri().getBaseUri(), realm.getName(), settings.appUrl());
        String question = PushQuestion.render(config.question(), user.getUsername(), client, clientIp);
        ChallengeIssuer.Issued issued = new ChallengeIssuer(realm, session.singleUseObjects(), settings, appUrl)
                .issue(user.getId(), phones, config, question, Time.currentTime());
        if (issued.nonces().isEmpty()) {
            return new Sent(Status.NO_DEVICE, null);
        }
        if (settings.fcmEnabled()) {
            new FcmAnnouncer(session, settings).announce(user, issued.payloads());
        }
        return new Sent(Status.SENT, issued);
    }
}
