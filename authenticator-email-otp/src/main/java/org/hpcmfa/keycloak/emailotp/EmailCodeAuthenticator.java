package org.hpcmfa.keycloak.emailotp;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.emailotp.code.EmailCodeChallenge;
import org.hpcmfa.keycloak.emailotp.code.OneTimeCode;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeSender;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Second factor by a numeric code mailed to the user. The first display of the page sends one code; reloads,
 * the back button and link scanners only show the page again. A new code is sent only when the user presses
 * "Send a new code", within the per-user cooldown and hourly cap.
 */
public class EmailCodeAuthenticator implements Authenticator {

    /** Set once the first code of this login was attempted, whatever happened: reloads never send mail. */
    static final String NOTE_FIRST_SEND_DONE = "hpc-email-otp.first-send-done";
    /** Why the last send produced no code, so a reload keeps telling the user. */
    static final String NOTE_LAST_SEND_FAILURE = "hpc-email-otp.last-send-failure";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        EmailCodeConfig config = EmailCodeConfig.from(context.getAuthenticatorConfig());
        if (!EmailEligibility.isEligible(context.getUser(), config)) {
            // configuredFor() could only judge the realm as a whole; this execution's settings refuse the
            // address, so step aside for an alternative as if not configured.
            context.attempted();
            return;
        }
        EmailCodeChallenge challenge = new EmailCodeChallenge(context.getSession(), context.getAuthenticationSession());
        EmailCodePage page = new EmailCodePage(context, config, challenge);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();

        if (authSession.getAuthNote(NOTE_FIRST_SEND_DONE) == null) {
            authSession.setAuthNote(NOTE_FIRST_SEND_DONE, "true");
            context.challenge(page.afterSend(send(context, config, challenge), false));
            return;
        }
        String failure = authSession.getAuthNote(NOTE_LAST_SEND_FAILURE);
        if (!challenge.hasCode() && failure != null) {
            context.challenge(page.afterSend(new EmailCodeSender.Outcome(EmailCodeSender.Result.valueOf(failure),
                    EmailCodeSender.cooldownRemaining(context, config)), false));
            return;
        }
        context.challenge(page.plain());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EmailCodeConfig config = EmailCodeConfig.from(context.getAuthenticatorConfig());
        EmailCodeChallenge challenge = new EmailCodeChallenge(context.getSession(), context.getAuthenticationSession());
        EmailCodePage page = new EmailCodePage(context, config, challenge);
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(EmailCodeEvents.CREDENTIAL_TYPE, EmailCodeEvents.TYPE);

        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            context.getEvent().error(lockout);
            // The same answer as a wrong code, as Keycloak's OTP form does: a locked-out guesser learns nothing.
            context.forceChallenge(page.fieldError(EmailCodePage.MSG_INVALID_CODE));
            return;
        }

        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(EmailCodePage.PARAM_RESEND)) {
            context.challenge(page.afterSend(send(context, config, challenge), true));
            return;
        }

        String typed = OneTimeCode.normalize(form.getFirst(EmailCodePage.FIELD_CODE));
        if ((typed == null || typed.isEmpty()) && challenge.hasCode()) {
            // Not a guess (Enter pressed too early): asked again, with no failure event and nothing counted, as
            // Keycloak's OTP form and the pack's CISM form treat an empty code. The code's tries stay as they were.
            context.challenge(page.fieldError(EmailCodePage.MSG_MISSING_CODE));
            return;
        }
        switch (challenge.check(typed, Time.currentTime(), config.maxAttempts())) {
            case VALID -> context.success(EmailCodeEvents.TYPE);
            case WRONG -> {
                int left = challenge.attemptsLeft(config.maxAttempts());
                context.getEvent().detail(EmailCodeEvents.ATTEMPTS_LEFT, String.valueOf(left))
                        .error(Errors.INVALID_USER_CREDENTIALS);
                Response retry = left > 0 ? page.fieldError(EmailCodePage.MSG_INVALID_CODE)
                        : page.error(EmailCodePage.MSG_TOO_MANY_ATTEMPTS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, retry);
            }
            case EXPIRED -> {
                context.getEvent().error(Errors.EXPIRED_CODE);
                context.challenge(page.error(EmailCodePage.MSG_EXPIRED));
            }
            case DEAD -> {
                context.getEvent().error(EmailCodeEvents.ERROR_TOO_MANY_ATTEMPTS);
                context.challenge(page.error(EmailCodePage.MSG_TOO_MANY_ATTEMPTS));
            }
            case NO_CODE -> {
                context.getEvent().error(EmailCodeEvents.ERROR_NO_CODE);
                context.challenge(page.error(EmailCodePage.MSG_NO_CODE));
            }
        }
    }

    private static EmailCodeSender.Outcome send(AuthenticationFlowContext context, EmailCodeConfig config,
            EmailCodeChallenge challenge) {
        EmailCodeSender.Outcome outcome = EmailCodeSender.sendNewCode(context, config, challenge);
        if (outcome.result() == EmailCodeSender.Result.SENT || challenge.hasCode()) {
            context.getAuthenticationSession().removeAuthNote(NOTE_LAST_SEND_FAILURE);
        } else {
            context.getAuthenticationSession().setAuthNote(NOTE_LAST_SEND_FAILURE, outcome.result().name());
        }
        return outcome;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return EmailEligibility.isEligibleAnywhere(realm, user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to set up: the factor is the user's email address, maintained with the profile.
    }

    @Override
    public void close() {
    }
}
