package org.hpcmfa.keycloak.common.codes;

import java.util.function.BiConsumer;

import org.hpcmfa.keycloak.common.Failures;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends a fresh code through a {@link CodeChannel}: asks the throttle, delivers the code, and only then lets the
 * caller keep it ({@code keep} stores its hash wherever that login or set-up keeps its state). If delivery fails,
 * the throttle is given back and the earlier code (if any) stays valid: a failing gateway never costs the person the
 * code they already have.
 */
public final class CodeSender {

    private static final Logger LOG = Logger.getLogger(CodeSender.class);

    /** Event detail: seconds until a new code can be sent. */
    public static final String RETRY_AFTER = "retry_after_seconds";
    /** Event detail: why a delivery failed, as the channel says it (never a secret). */
    public static final String REASON = "reason";

    public enum Result { SENT, COOLDOWN, HOURLY_LIMIT, SEND_FAILED }

    /** The result, and for a cooldown the seconds left. */
    public record Outcome(Result result, int retryAfterSeconds) {
    }

    private CodeSender() {
    }

    public static Outcome send(KeycloakSession session, RealmModel realm, UserModel user, CodeRules rules,
            CodeChannel channel, BiConsumer<String, Integer> keep) {
        int now = Time.currentTime();
        SendThrottle throttle = throttle(session, realm, user, rules, channel);
        SendThrottle.Claim claim = throttle.claim(now);

        if (claim.verdict() == SendThrottle.Verdict.COOLDOWN) {
            channel.sendEvent().detail(RETRY_AFTER, String.valueOf(claim.retryAfterSeconds()))
                    .error(channel.capability().error(CodeConditions.RESEND_COOLDOWN));
            return new Outcome(Result.COOLDOWN, claim.retryAfterSeconds());
        }
        if (claim.verdict() == SendThrottle.Verdict.HOURLY_LIMIT) {
            channel.sendEvent().error(channel.capability().error(CodeConditions.HOURLY_LIMIT));
            return new Outcome(Result.HOURLY_LIMIT, 0);
        }

        String code = OneTimeCode.generate(rules.codeLength());
        try {
            channel.deliver(code, rules);
        } catch (DeliveryFailure | RuntimeException e) {
            throttle.release(claim);
            // The cause says why (connection refused, relay denied, HTTP 503...); the code is not part of it.
            LOG.warnf("Could not send an %s code to user %s of realm %s: %s", channel.noun(), user.getId(),
                    realm.getName(), Failures.rootMessage(e));
            EventBuilder event = channel.sendEvent();
            if (e instanceof DeliveryFailure failure && failure.publicReason() != null) {
                event.detail(REASON, failure.publicReason());
            }
            event.error(channel.sendFailedError());
            return new Outcome(Result.SEND_FAILED, 0);
        }
        throttle.confirmSent(now);
        keep.accept(code, now);
        channel.recordSent(channel.sendEvent());
        return new Outcome(Result.SENT, 0);
    }

    /** Seconds until the channel may send this person another code (0: now). */
    public static int cooldownRemaining(KeycloakSession session, RealmModel realm, UserModel user, CodeRules rules,
            CodeChannel channel) {
        return throttle(session, realm, user, rules, channel).cooldownRemaining(Time.currentTime());
    }

    private static SendThrottle throttle(KeycloakSession session, RealmModel realm, UserModel user, CodeRules rules,
            CodeChannel channel) {
        return new SendThrottle(session.singleUseObjects(), channel.keyPrefix(), realm.getId(), user.getId(),
                rules.resendCooldownSeconds(), rules.maxPerHour());
    }
}
