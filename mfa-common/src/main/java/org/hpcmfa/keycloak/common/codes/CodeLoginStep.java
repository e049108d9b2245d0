package org.hpcmfa.keycloak.common.codes;

import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A login step that sends a code and asks for it back, the same for every channel (email, SMS). The first display
 * of the page sends one code; reloads, the back button and link scanners only show the page again. A new code is
 * sent only when the person presses "Send a new code", within the per-user cooldown and hourly cap. Wrong codes count
 * towards the code's tries and the realm's brute-force detection; a locked-out person gets the same answer as a
 * wrong code.
 */
public abstract class CodeLoginStep implements Authenticator {

    /** Event detail: wrong tries left on the current code. */
    public static final String ATTEMPTS_LEFT = "attempts_left";

    /** The channel that carries the code for this login. */
    protected abstract CodeChannel channel(AuthenticationFlowContext context);

    /** The execution's rules. */
    protected abstract CodeRules rules(AuthenticationFlowContext context);

    /** Whether this execution's settings let this person receive codes; if not, the step steps aside. */
    protected abstract boolean eligible(AuthenticationFlowContext context);

    protected abstract CodeForm form();

    /** The credential type of events and of {@code context.success}. */
    protected abstract String credentialType();

    /** More values for the page's model (e.g. the masked phone number). */
    protected Map<String, Object> pageModel(AuthenticationFlowContext context) {
        return Map.of();
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!eligible(context)) {
            // configuredFor() could only judge the realm as a whole; this execution's settings refuse the person,
            // so step aside for an alternative as if not configured.
            context.attempted();
            return;
        }
        CodeChannel channel = channel(context);
        CodeChallenge challenge = challenge(context, channel);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String firstSendDone = channel.keyPrefix() + ".first-send-done";
        String lastFailure = channel.keyPrefix() + ".last-send-failure";

        if (authSession.getAuthNote(firstSendDone) == null) {
            authSession.setAuthNote(firstSendDone, "true");
            CodeSender.Outcome outcome = send(context, channel, challenge);
            context.challenge(page(context, channel, challenge).afterSend(outcome, false));
            return;
        }
        String failure = authSession.getAuthNote(lastFailure);
        if (!challenge.hasCode() && failure != null) {
            CodeSender.Outcome outcome = new CodeSender.Outcome(CodeSender.Result.valueOf(failure),
                    cooldown(context, channel));
            context.challenge(page(context, channel, challenge).afterSend(outcome, false));
            return;
        }
        context.challenge(page(context, channel, challenge).plain());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        CodeChannel channel = channel(context);
        CodeRules rules = rules(context);
        CodeChallenge challenge = challenge(context, channel);
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, credentialType());

        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            context.getEvent().error(lockout);
            // The same answer as a wrong code, as Keycloak's OTP form does: a locked-out guesser learns nothing.
            context.forceChallenge(page(context, channel, challenge).fieldError("invalidCode"));
            return;
        }

        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (formData.containsKey(CodePage.PARAM_RESEND)) {
            CodeSender.Outcome outcome = send(context, channel, challenge);
            context.challenge(page(context, channel, challenge).afterSend(outcome, true));
            return;
        }

        String typed = OneTimeCode.normalize(formData.getFirst(form().field()));
        if ((typed == null || typed.isEmpty()) && challenge.hasCode()) {
            // Not a guess (Enter pressed too early): asked again, with no failure event and nothing counted, as
            // Keycloak's OTP form treats an empty code. The code's tries stay as they were.
            context.challenge(page(context, channel, challenge).fieldError("missingCode"));
            return;
        }
        switch (challenge.check(typed, Time.currentTime(), rules.maxAttempts())) {
            case VALID -> context.success(credentialType());
            case WRONG -> {
                int left = challenge.attemptsLeft(rules.maxAttempts());
                context.getEvent().detail(ATTEMPTS_LEFT, String.valueOf(left)).error(Errors.INVALID_USER_CREDENTIALS);
                CodePage page = page(context, channel, challenge);
                Response retry = left > 0 ? page.fieldError("invalidCode") : page.withError("tooManyAttempts");
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, retry);
            }
            case EXPIRED -> {
                context.getEvent().error(Errors.EXPIRED_CODE);
                context.challenge(page(context, channel, challenge).withError("expiredCode"));
            }
            case DEAD -> {
                context.getEvent().error(channel.capability().error(CodeConditions.TOO_MANY_ATTEMPTS));
                context.challenge(page(context, channel, challenge).withError("tooManyAttempts"));
            }
            case NO_CODE -> {
                context.getEvent().error(channel.capability().error(CodeConditions.NOT_REQUESTED));
                context.challenge(page(context, channel, challenge).withError("noCode"));
            }
        }
    }

    private CodeSender.Outcome send(AuthenticationFlowContext context, CodeChannel channel, CodeChallenge challenge) {
        CodeRules rules = rules(context);
        CodeSender.Outcome outcome = CodeSender.send(context.getSession(), context.getRealm(), context.getUser(), rules,
                channel, (code, now) -> challenge.issue(code, now, rules.codeTtlSeconds()));
        String lastFailure = channel.keyPrefix() + ".last-send-failure";
        if (outcome.result() == CodeSender.Result.SENT || challenge.hasCode()) {
            context.getAuthenticationSession().removeAuthNote(lastFailure);
        } else {
            context.getAuthenticationSession().setAuthNote(lastFailure, outcome.result().name());
        }
        return outcome;
    }

    private CodePage page(AuthenticationFlowContext context, CodeChannel channel, CodeChallenge challenge) {
        return new CodePage(context, form(), rules(context), challenge, cooldown(context, channel), pageModel(context));
    }

    private int cooldown(AuthenticationFlowContext context, CodeChannel channel) {
        return CodeSender.cooldownRemaining(context.getSession(), context.getRealm(), context.getUser(), rules(context),
                channel);
    }

    private static CodeChallenge challenge(AuthenticationFlowContext context, CodeChannel channel) {
        return new CodeChallenge(context.getSession().singleUseObjects(), CodeNotes.of(context.getAuthenticationSession()),
                channel.keyPrefix());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void close() {
    }
}
