package org.hpcmfa.keycloak.push.login;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.hpcmfa.keycloak.common.totp.OtpCredentials;
import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.challenge.PushDeclines;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.challenge.PushOutcome;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Push approval": sends a login request to each of the user's phones and waits for the signed answer, which
 * the phone gives to any node of the cluster. Approve completes the login; "this was not me" ends it at once,
 * with a security event and, after repeated declines, a push lock; a timeout only offers a new request.
 */
public class PushAuthenticator implements Authenticator, CredentialValidator<PushCredentialProvider> {

    static final String NOTE_NONCES = "hpc-push.nonces";
    static final String NOTE_WATCH = "hpc-push.watch";
    static final String NOTE_EXPIRES = "hpc-push.expires";
    static final String NOTE_NUMBER = "hpc-push.number";
    static final String NOTE_CODE_TO_PHONE = "hpc-push.code-to-phone";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PushLoginPage page = new PushLoginPage(context);
        if (PushDeclines.locked(context.getUser(), Time.currentTime())) {
            context.getEvent().user(context.getUser()).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE)
                    .error(PushEvents.ERROR_LOCKED);
            context.challenge(page.idle(PushLoginPage.MSG_LOCKED));
            return;
        }
        new PushRequestSender(context, getCredentialProvider(context.getSession())).send(null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        PushLoginPage page = new PushLoginPage(context);
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE);
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            context.getEvent().error(lockout);
            context.forceChallenge(page.idle(PushLoginPage.MSG_INVALID_OTP));
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        long now = Time.currentTime();
        if (form.containsKey(PushLoginPage.PARAM_RESEND)) {
            if (PushDeclines.locked(user, now)) {
                context.challenge(page.idle(PushLoginPage.MSG_LOCKED));
            } else {
                new PushRequestSender(context, getCredentialProvider(context.getSession())).send(PushLoginPage.MSG_SENT);
            }
            return;
        }
        String otp = form.getFirst(PushLoginPage.FIELD_OTP);
        if (otp != null && !otp.isBlank()) {
            checkOtp(context, page, otp.replace(" ", ""));
            return;
        }
        String nonces = authSession.getAuthNote(NOTE_NONCES);
        if (nonces == null) {
            context.challenge(page.idle(PushLoginPage.MSG_TIMED_OUT));
            return;
        }
        if (form.containsKey(PushLoginPage.FIELD_PUSH_CODE)) {
            new PushCodeCheck(context, page).check(nonces, form.getFirst(PushLoginPage.FIELD_PUSH_CODE));
            return;
        }
        Optional<PushOutcome> outcome = new Challenges(context.getSession().singleUseObjects(),
                context.getRealm().getId()).firstOutcome(nonces);
        if (outcome.isPresent() && outcome.get() == PushOutcome.CODE_SHOWN) {
            // The phone accepted and shows its code: ask for it (the request stays remembered until then).
            context.challenge(page.enterCode(null));
        } else if (outcome.isPresent()) {
            forget(authSession);
            new PushOutcomes(context, page).handle(outcome.get());
        } else if (now >= expiresAt(authSession)) {
            forget(authSession);
            context.getEvent().detail(Details.REASON, "no answer in time");
            context.challenge(page.idle(PushLoginPage.MSG_TIMED_OUT));
        } else {
            context.challenge(page.waiting(authSession.getAuthNote(NOTE_NUMBER), authSession.getAuthNote(NOTE_WATCH),
                    expiresAt(authSession) - now, PushLoginPage.MSG_STILL_WAITING));
        }
    }

    private void checkOtp(AuthenticationFlowContext context, PushLoginPage page, String code) {
        UserModel user = context.getUser();
        if (OtpCredentials.accept(user, code)) {
            forget(context.getAuthenticationSession());
            context.getEvent().detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE);
            context.success(OTPCredentialModel.TYPE);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean waiting = authSession.getAuthNote(NOTE_NONCES) != null && Time.currentTime() < expiresAt(authSession);
        context.getEvent().detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).error(org.keycloak.events.Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page.otpError(
                waiting ? PushLoginPage.State.WAITING : PushLoginPage.State.IDLE, authSession.getAuthNote(NOTE_NUMBER),
                waiting ? authSession.getAuthNote(NOTE_WATCH) : null, expiresAt(authSession) - Time.currentTime()));
    }

    static void remember(AuthenticationSessionModel authSession, List<String> nonces, String watch, long expiresAt,
            String number, boolean codeToPhone) {
        authSession.setAuthNote(NOTE_CODE_TO_PHONE, String.valueOf(codeToPhone));
        authSession.setAuthNote(NOTE_NONCES, String.join(",", nonces));
        authSession.setAuthNote(NOTE_WATCH, watch);
        authSession.setAuthNote(NOTE_EXPIRES, String.valueOf(expiresAt));
        if (number == null) {
            authSession.removeAuthNote(NOTE_NUMBER);
        } else {
            authSession.setAuthNote(NOTE_NUMBER, number);
        }
    }

    static void forget(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE_NONCES);
        authSession.removeAuthNote(NOTE_WATCH);
        authSession.removeAuthNote(NOTE_EXPIRES);
        authSession.removeAuthNote(NOTE_NUMBER);
    }

    private static long expiresAt(AuthenticationSessionModel authSession) {
        String value = authSession.getAuthNote(NOTE_EXPIRES);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public PushCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PushCredentialProvider) session.getProvider(CredentialProvider.class, PushDeviceCredentialModel.TYPE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return getCredentialProvider(session).isConfiguredFor(realm, user, PushDeviceCredentialModel.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Only called when the flow requires push from a user without a phone: enrol one first.
        user.addRequiredAction(PushCredentialProvider.SETUP_ACTION);
    }

    @Override
    public void close() {
    }
}
