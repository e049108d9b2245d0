package org.hpcmfa.keycloak.registrationtoken.login;

import static org.keycloak.services.validation.Validation.FIELD_PASSWORD;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.totp.ClockSkew;
import org.hpcmfa.keycloak.common.totp.TotpClockSkewHint;
import org.hpcmfa.keycloak.registrationtoken.RegistrationTokenEvents;
import org.hpcmfa.keycloak.registrationtoken.config.RegistrationTokenSettings;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialModel;
import org.hpcmfa.keycloak.registrationtoken.issue.RegistrationTokenIssuer;
import org.hpcmfa.keycloak.registrationtoken.token.TokenRedemption;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;

/**
 * The portal's login form as the research centres describe it: a username, and in the password field a
 * one-time secret. A registration token (first login) logs the user in and makes them enrol a permanent
 * second factor; afterwards the same field takes a TOTP code or a recovery code (each can be turned off), and a
 * person who enrolled a security key may leave it empty and use the key ({@link PortalSecurityKey}).
 * Every wrong secret gets Keycloak's generic "invalid username or password" and counts as a failed
 * password for brute-force detection.
 */
public class RegistrationTokenFormAuthenticator extends AbstractUsernameFormAuthenticator {

    private static final Logger LOG = Logger.getLogger(RegistrationTokenFormAuthenticator.class);

    static final String MSG_EXPIRED = "required-action-registration-token.tokenExpired";
    static final String MSG_ALREADY_USED = "required-action-registration-token.tokenAlreadyUsed";
    static final String MSG_ENROLMENT_UNAVAILABLE = "required-action-registration-token.enrolmentUnavailable";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        String loginHint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (loginHint != null) {
            formData.add(AuthenticationManager.FORM_USERNAME, loginHint);
        }
        context.challenge(labelled(context).setFormData(formData).createLoginUsernamePassword());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        if (PortalSecurityKey.isAnswer(context, form)) {
            if (!PortalSecurityKey.verify(context, form)) {
                context.clearUser();
                context.forceChallenge(challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD));
            }
            return;
        }
        PortalSecurityKey.forget(context);
        // Finds the user, answers unknown names generically, applies lockouts, sets the user on the context.
        if (!validateUser(context, form)) {
            return;
        }
        UserModel user = context.getUser();
        String secret = form.getFirst("password");
        if (secret == null || secret.isBlank()) {
            if (PortalSecurityKey.enrolled(user)) {
                PortalSecurityKey.ask(context, user); // username and security key: the browser asks for the key
            } else {
                refuse(context, user, false);
            }
            return;
        }
        if (tryRegistrationToken(context, user, secret)) {
            return;
        }
        OneTimeSecretConfig config = OneTimeSecretConfig.from(context.getAuthenticatorConfig());
        String factor = OneTimeSecrets.validate(context.getSession(), context.getRealm(), user, secret, config);
        if (factor != null) {
            context.getEvent().detail(Details.CREDENTIAL_TYPE, factor);
            context.success(factor);
            return;
        }
        Optional<ClockSkew> skew = config.acceptTotp()
                ? TotpClockSkewHint.find(context.getSession(), context.getRealm(), user, secret.replaceAll("\\s", ""), config.clockSkew())
                : Optional.empty();
        if (skew.isPresent()) {
            refuseSkewedCode(context, user, skew.get());
            return;
        }
        refuse(context, user, true);
    }

    /** A TOTP code of another time: still a failed login, but the page says to fix the phone's clock. */
    private void refuseSkewedCode(AuthenticationFlowContext context, UserModel user, ClockSkew skew) {
        context.getEvent().user(user).detail(ClockSkew.EVENT_DETAIL, skew.eventDetailValue())
                .error(Errors.INVALID_USER_CREDENTIALS);
        forgetAttemptedUser(context);
        Response page = labelled(context).setExecution(context.getExecution().getId())
                .addError(new FormMessage(FIELD_PASSWORD, skew.messageKey(), skew.messageParameters().toArray()))
                .createLoginUsernamePassword();
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    /** True when the input was the user's registration token and the answer (success or message) is set. */
    private boolean tryRegistrationToken(AuthenticationFlowContext context, UserModel user, String secret) {
        KeycloakSession session = context.getSession();
        TokenRedemption redemption = new TokenRedemption(session, RegistrationTokenIssuer.provider(session));
        long now = Time.currentTime();
        TokenRedemption.Check check = redemption.check(user, secret, now);
        if (check == TokenRedemption.Check.NO_MATCH) {
            return false;
        }
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, RegistrationTokenCredentialModel.TYPE);
        switch (check) {
            case ALREADY_USED:
                context.getEvent().error(RegistrationTokenEvents.ERROR_ALREADY_USED);
                forgetAttemptedUser(context);
                context.challenge(challenge(context, MSG_ALREADY_USED, FIELD_PASSWORD));
                return true;
            case EXPIRED:
                context.getEvent().error(RegistrationTokenEvents.ERROR_EXPIRED);
                forgetAttemptedUser(context);
                context.challenge(challenge(context, MSG_EXPIRED, FIELD_PASSWORD));
                return true;
            default:
                break;
        }
        if (!enrolmentEnabled(context.getRealm())) {
            // Without the enrolment action the token would open a session with no second factor at all.
            LOG.warnf("Registration token login refused in realm %s: the required action %s is not enabled",
                    context.getRealm().getName(), RegistrationTokenSettings.REQUIRED_ACTION_ID);
            context.getEvent().error(RegistrationTokenEvents.ERROR_ENROLMENT_UNAVAILABLE);
            forgetAttemptedUser(context);
            context.challenge(challenge(context, MSG_ENROLMENT_UNAVAILABLE, FIELD_PASSWORD));
            return true;
        }
        boolean keep = RegistrationTokenSettings.of(context.getRealm()).keepTokenUntilEnrolled();
        if (!keep && !redemption.spend(user, now)) {
            context.getEvent().error(RegistrationTokenEvents.ERROR_ALREADY_USED);
            forgetAttemptedUser(context);
            context.challenge(challenge(context, MSG_ALREADY_USED, FIELD_PASSWORD));
            return true;
        }
        user.addRequiredAction(RegistrationTokenSettings.REQUIRED_ACTION_ID);
        // Its own event: the LOGIN event comes later, after the enrolment, in another request.
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(RegistrationTokenEvents.ACTION, keep ? RegistrationTokenEvents.USED_KEPT : RegistrationTokenEvents.USED)
                .success();
        context.success(RegistrationTokenCredentialModel.TYPE);
        return true;
    }

    private void refuse(AuthenticationFlowContext context, UserModel user, boolean countAsFailure) {
        context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
        forgetAttemptedUser(context);
        Response page = challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD);
        if (countAsFailure) {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
        } else {
            context.forceChallenge(page);
        }
    }

    /** The login form, its password field named for what this form takes there. */
    private static LoginFormsProvider labelled(AuthenticationFlowContext context) {
        LoginFormsProvider form = context.form().setAttribute(PortalSecretLabel.ATTRIBUTE,
                PortalSecretLabel.messageKey(OneTimeSecretConfig.from(context.getAuthenticatorConfig())));
        if (PortalSecurityKey.offeredIn(context.getRealm())) {
            form.setAttribute(PortalSecurityKey.HINT_ATTRIBUTE, Boolean.TRUE);
        }
        return form;
    }

    /** Every refusal Keycloak's username checks draw (unknown user, locked account...) keeps the field's name. */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        labelled(context); // the same form provider of this request draws the page
        return super.challenge(context, error, field);
    }

    /**
     * Keycloak's own password form knows the user only once the password is right; a refusal page drawn while the
     * user is set shows them as signed in (their name above a second username field). The brute-force detector
     * still finds the user through the attempted username.
     */
    private void forgetAttemptedUser(AuthenticationFlowContext context) {
        if (!isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
            context.clearUser();
        }
    }

    private static boolean enrolmentEnabled(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(RegistrationTokenSettings.REQUIRED_ACTION_ID);
        return action != null && action.isEnabled();
    }

    @Override
    protected String disabledByBruteForceFieldError() {
        return FIELD_PASSWORD;
    }

    @Override
    protected String getDefaultChallengeMessage(AuthenticationFlowContext context) {
        return Messages.INVALID_USER;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }
}
