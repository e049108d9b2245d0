package org.hpcmfa.keycloak.recoverycodes.login;

import jakarta.ws.rs.core.Response;

import org.hpcmfa.keycloak.recoverycodes.RecoveryCodeEvents;
import org.hpcmfa.keycloak.recoverycodes.action.LowCodesNotice;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProvider;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProviderFactory;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Second factor by one of the user's recovery codes, any of them, in any order; each works once. Wrong codes
 * count towards Keycloak's brute-force lockout like a wrong TOTP code. With few codes left, the login continues
 * through a page that warns and offers a new set.
 */
public class RecoveryCodeAuthenticator implements Authenticator,
        CredentialValidator<RecoveryAuthnCodesCredentialProvider> {

    static final String TEMPLATE = "hpc-recovery-code-form.ftl";
    static final String FIELD = "recoveryCodeInput";

    static final String MSG_INVALID = "authenticator-recovery-codes.invalidCode";
    static final String MSG_MISSING = "authenticator-recovery-codes.missingCode";
    static final String MSG_BUSY = "authenticator-recovery-codes.busy";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(page(context).createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(RecoveryCodeEvents.CREDENTIAL_TYPE, RecoveryCodes.TYPE);
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            context.getEvent().error(lockout);
            // The same answer as a wrong code, as Keycloak's OTP form does: a locked-out guesser learns nothing.
            context.forceChallenge(fieldError(context, MSG_INVALID));
            return;
        }
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD);
        if (typed == null || typed.isBlank()) {
            context.challenge(fieldError(context, MSG_MISSING));
            return;
        }
        RecoveryCodes.Use use = RecoveryCodes.use(context.getSession(), context.getRealm(), user, typed);
        switch (use.outcome()) {
            case ACCEPTED -> {
                context.getEvent().detail(RecoveryCodeEvents.REMAINING, String.valueOf(use.remaining()));
                if (RecoveryCodeSettings.of(context.getRealm()).low(use.remaining())) {
                    LowCodesNotice.schedule(context.getAuthenticationSession(), use.remaining());
                }
                context.success(RecoveryCodes.TYPE);
            }
            case BUSY -> {
                // Another login of this user is using a code right now: not a guess, so nothing is counted.
                context.getEvent().error(RecoveryCodeEvents.ERROR_BUSY);
                context.challenge(fieldError(context, MSG_BUSY));
            }
            case WRONG, NO_CODES -> {
                context.getEvent().error(use.outcome() == RecoveryCodes.Outcome.NO_CODES
                        ? RecoveryCodeEvents.ERROR_NO_CODES_LEFT : Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, fieldError(context, MSG_INVALID));
            }
        }
    }

    private static LoginFormsProvider page(AuthenticationFlowContext context) {
        return context.form().setExecution(context.getExecution().getId());
    }

    private static Response fieldError(AuthenticationFlowContext context, String messageKey) {
        return page(context).addError(new FormMessage(FIELD, messageKey)).createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return RecoveryCodes.remaining(user) > 0;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Recovery codes back a factor up: a user without them is asked for nothing here.
    }

    /** Keycloak's credential type, so "Try another way" names it as Keycloak's own recovery-code form does. */
    @Override
    public RecoveryAuthnCodesCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (RecoveryAuthnCodesCredentialProvider) session.getProvider(CredentialProvider.class,
                RecoveryAuthnCodesCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public void close() {
    }
}
