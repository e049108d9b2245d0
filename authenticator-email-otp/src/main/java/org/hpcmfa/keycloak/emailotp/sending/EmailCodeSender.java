package org.hpcmfa.keycloak.emailotp.sending;

import java.util.function.BiConsumer;

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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
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
        return sendNewCode(context.getSession(), context.getRealm(), context.getUser(), context.getEvent(), config,
                (code, now) -> challenge.issue(code, now, config.codeTtlSeconds()));
    }

    /**
     * The same outside a browser login (the SSH terminal prompt): {@code keep} stores the code's hash wherever
     * that login keeps its state, and is only called once the mail is out.
     */
    public static Outcome sendNewCode(KeycloakSession session, RealmModel realm, UserModel user, EventBuilder event,
            EmailCodeConfig config, BiConsumer<String, Integer> keep) {
        int now = Time.currentTime();
        MailThrottle throttle = throttle(session, realm, user, config);
        MailThrottle.Claim claim = throttle.claim(now);

        if (claim.verdict() == MailThrottle.Verdict.COOLDOWN) {
            sendEvent(event, user).detail(EmailCodeEvents.RETRY_AFTER, String.valueOf(claim.retryAfterSeconds()))
                    .error(EmailCodeEvents.ERROR_COOLDOWN);
            return new Outcome(Result.COOLDOWN, claim.retryAfterSeconds());
        }
        if (claim.verdict() == MailThrottle.Verdict.HOURLY_LIMIT) {
            sendEvent(event, user).error(EmailCodeEvents.ERROR_HOURLY_LIMIT);
            return new Outcome(Result.HOURLY_LIMIT, 0);
        }

        String code = OneTimeCode.generate(config.codeLength());
        try {
            EmailCodeMailer.send(session, realm, user, code, config.codeTtlMinutes());
        } catch (EmailException | RuntimeException e) {
            throttle.release(claim);
            // The cause says why (connection refused, relay denied...); the code is not part of it.
            LOG.warnf("Could not send an email code to user %s of realm %s: %s", user.getId(), realm.getName(),
                    Failures.rootMessage(e));
            sendEvent(event, user).error(Errors.EMAIL_SEND_FAILED);
            return new Outcome(Result.SEND_FAILED, 0);
        }
        throttle.confirmSent(now);
        keep.accept(code, now);
        sendEvent(event, user).success();
        return new Outcome(Result.SENT, 0);
    }

    public static int cooldownRemaining(AuthenticationFlowContext context, EmailCodeConfig config) {
        return throttle(context.getSession(), context.getRealm(), context.getUser(), config)
                .cooldownRemaining(Time.currentTime());
    }

    private static MailThrottle throttle(KeycloakSession session, RealmModel realm, UserModel user,
            EmailCodeConfig config) {
        return new MailThrottle(session.singleUseObjects(), realm.getId(), user.getId(),
                config.resendCooldownSeconds(), config.maxMailsPerHour());
    }

    private static EventBuilder sendEvent(EventBuilder event, UserModel user) {
        return event.clone()
                .event(EventType.SEND_VERIFY_EMAIL)
                .user(user)
                .detail(EmailCodeEvents.CREDENTIAL_TYPE, EmailCodeEvents.TYPE)
                .detail(EmailCodeEvents.EMAIL, user.getEmail());
    }

}
