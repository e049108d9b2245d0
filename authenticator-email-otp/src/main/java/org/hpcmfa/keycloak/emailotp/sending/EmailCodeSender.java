package org.hpcmfa.keycloak.emailotp.sending;

import org.hpcmfa.keycloak.common.Failures;
import org.hpcmfa.keycloak.emailotp.EmailCodeEvents;
import org.hpcmfa.keycloak.emailotp.code.EmailCodeChallenge;
import org.hpcmfa.keycloak.emailotp.code.OneTimeCode;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Sends a fresh code for the current login: asks the throttle, mails the code, and only then replaces the
 * login's code. If the mail fails, the throttle is given back and the earlier code (if any) stays valid.
 */
public final class EmailCodeSender {

    private static final Logger LOG = Logger.getLogger(EmailCodeSender.class);

    public enum Result { SENT, COOLDOWN, HOURLY_LIMIT, SEND_FAILED }

    /** The result, and for a cooldown the seconds left. */
    public record Outcome(Result result, int retryAfterSeconds) {
    }

    private EmailCodeSender() {
    }

    public static Outcome sendNewCode(AuthenticationFlowContext context, EmailCodeConfig config,
            EmailCodeChallenge challenge) {
        UserModel user = context.getUser();
        int now = Time.currentTime();
        MailThrottle throttle = throttle(context, config);
        MailThrottle.Claim claim = throttle.claim(now);

        if (claim.verdict() == MailThrottle.Verdict.COOLDOWN) {
            sendEvent(context).detail(EmailCodeEvents.RETRY_AFTER, String.valueOf(claim.retryAfterSeconds()))
                    .error(EmailCodeEvents.ERROR_COOLDOWN);
            return new Outcome(Result.COOLDOWN, claim.retryAfterSeconds());
        }
        if (claim.verdict() == MailThrottle.Verdict.HOURLY_LIMIT) {
            sendEvent(context).error(EmailCodeEvents.ERROR_HOURLY_LIMIT);
            return new Outcome(Result.HOURLY_LIMIT, 0);
        }

        String code = OneTimeCode.generate(config.codeLength());
        try {
            EmailCodeMailer.send(context.getSession(), context.getRealm(), user, code, config.codeTtlMinutes());
        } catch (EmailException | RuntimeException e) {
            throttle.release(claim);
            // The cause says why (connection refused, relay denied...); the code is not part of it.
            LOG.warnf("Could not send an email code to user %s of realm %s: %s", user.getId(),
                    context.getRealm().getName(), Failures.rootMessage(e));
            sendEvent(context).error(Errors.EMAIL_SEND_FAILED);
            return new Outcome(Result.SEND_FAILED, 0);
        }
        throttle.confirmSent(now);
        challenge.issue(code, now, config.codeTtlSeconds());
        sendEvent(context).success();
        return new Outcome(Result.SENT, 0);
    }

    public static int cooldownRemaining(AuthenticationFlowContext context, EmailCodeConfig config) {
        return throttle(context, config).cooldownRemaining(Time.currentTime());
    }

    private static MailThrottle throttle(AuthenticationFlowContext context, EmailCodeConfig config) {
        return new MailThrottle(context.getSession().singleUseObjects(), context.getRealm().getId(),
                context.getUser().getId(), config.resendCooldownSeconds(), config.maxMailsPerHour());
    }

    private static EventBuilder sendEvent(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return context.getEvent().clone()
                .event(EventType.SEND_VERIFY_EMAIL)
                .user(user)
                .detail(EmailCodeEvents.CREDENTIAL_TYPE, EmailCodeEvents.TYPE)
                .detail(EmailCodeEvents.EMAIL, user.getEmail());
    }

}
