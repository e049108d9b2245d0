package org.hpcmfa.keycloak.passwordotp;

import static org.keycloak.services.validation.Validation.FIELD_PASSWORD;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.SecondFactorSession;
import org.hpcmfa.keycloak.common.totp.ClockSkew;
import org.hpcmfa.keycloak.common.totp.OtpCredentials;
import org.hpcmfa.keycloak.common.totp.TotpClockSkewHint;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.LoginBean;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * UCLouvain CISM's login: username, password and an "OTP (optional)" field on one page. Keycloak's own
 * username/password logic does the first part unchanged (unknown users, lockouts, remember-me, the password
 * check and its brute-force accounting); then a user who has an OTP credential must give a valid code in the
 * same submission. Wrong passwords, wrong codes and locked accounts all get one answer, "Invalid username,
 * password or code.", and wrong codes count as failed logins like wrong passwords.
 */
public class PasswordOtpFormAuthenticator extends UsernamePasswordForm {

    static final String TEMPLATE = "hpc-password-otp-login.ftl";
    static final String FIELD_OTP = "otp";

    static final String MSG_INVALID = "authenticator-password-otp.invalidCredentials";
    static final String MSG_INVALID_KNOWN_USER = "authenticator-password-otp.invalidPasswordOrCode";
    static final String MSG_CODE_MISSING = "authenticator-password-otp.codeMissing";

    /** LOGIN / LOGIN_ERROR detail: what became of the OTP field. */
    static final String DETAIL_OTP = "hpc_otp";
    static final String OTP_VERIFIED = "verified";
    static final String OTP_NOT_ENROLLED = "not_enrolled";
    static final String OTP_IGNORED = "ignored_not_enrolled";
    static final String OTP_SKIPPED = "skipped_not_required";
    static final String ERROR_CODE_MISSING = EventErrors.Capability.PASSWORD_OTP.error("code_missing");

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        return validateUserAndPassword(context, formData) && checkCode(context, formData);
    }

    /** After a correct password: the OTP part. True when the login may succeed. */
    private boolean checkCode(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        UserModel user = context.getUser();
        String code = OtpCodes.normalise(formData.getFirst(FIELD_OTP));
        PasswordOtpConfig config = PasswordOtpConfig.from(context.getAuthenticatorConfig());
        if (!OtpCodes.enrolled(user)) {
            // The field is optional for accounts without an authenticator app: a code typed there proves nothing.
            context.getEvent().detail(DETAIL_OTP, code.isEmpty() ? OTP_NOT_ENROLLED : OTP_IGNORED);
            return true;
        }
        if (code.isEmpty()) {
            if (!config.requireOtp()) {
                context.getEvent().detail(DETAIL_OTP, OTP_SKIPPED);
                return true;
            }
            // Not a guess: asked again, not counted (as Keycloak treats an empty password).
            context.getEvent().user(user).error(ERROR_CODE_MISSING);
            forgetUser(context);
            Response page = page(context, new FormMessage(FIELD_OTP, MSG_CODE_MISSING));
            context.forceChallenge(page);
            return false;
        }
        if (OtpCredentials.accept(user, code)) {
            AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), OTPCredentialModel.TYPE);
            SecondFactorSession.record(context.getAuthenticationSession(), OTPCredentialModel.TYPE);
            context.getEvent().detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail(DETAIL_OTP, OTP_VERIFIED);
            return true;
        }
        if (OtpCodes.recoveryCodeAccepted(user, code)) {
            AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), CredentialTypes.RECOVERY_CODES);
            SecondFactorSession.record(context.getAuthenticationSession(), CredentialTypes.RECOVERY_CODES);
            context.getEvent().detail(Details.CREDENTIAL_TYPE, CredentialTypes.RECOVERY_CODES)
                    .detail(DETAIL_OTP, OTP_VERIFIED);
            return true;
        }
        refuseCode(context, user, code, config);
        return false;
    }

    /** A wrong code: the same page as a wrong password, unless the code is right at another time (clock skew). */
    private void refuseCode(AuthenticationFlowContext context, UserModel user, String code, PasswordOtpConfig config) {
        Optional<ClockSkew> skew = TotpClockSkewHint.find(context.getSession(), context.getRealm(), user, code,
                config.clockSkew());
        skew.ifPresent(s -> context.getEvent().detail(ClockSkew.EVENT_DETAIL, s.eventDetailValue()));
        context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
        AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
        forgetUser(context);
        Response page = skew.isPresent()
                ? page(context, new FormMessage(FIELD_OTP, skew.get().messageKey(), skew.get().messageParameters().toArray()))
                : challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    /**
     * As after a wrong password: the next submission names its user again. Done before the page is drawn, which
     * would otherwise show the user as signed in (their name above a second username field); the brute-force
     * detector finds the user through the attempted username.
     */
    private void forgetUser(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(AuthenticationManager.PASSWORD_VALIDATED);
        if (!isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
            context.clearUser();
        }
    }

    private Response page(AuthenticationFlowContext context, FormMessage error) {
        LoginFormsProvider form = context.form().setExecution(context.getExecution().getId());
        form.addError(error);
        return withLoginBean(context, form).createForm(TEMPLATE);
    }

    /** The first display (username from a login hint or remember-me cookie). */
    @Override
    protected Response challenge(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        return context.form().setAttribute("login", new LoginBean(formData)).createForm(TEMPLATE);
    }

    /** Every error page of Keycloak's username/password logic comes through here. */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        String message = MSG_INVALID.equals(error) ? getDefaultChallengeMessage(context) : error;
        withLoginBean(context, context.form());
        return super.challenge(context, message, field);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return form.createForm(TEMPLATE);
    }

    @Override
    protected Response setDuplicateUserChallenge(AuthenticationFlowContext context, String eventError,
            String loginFormError, AuthenticationFlowError authenticatorError) {
        context.getEvent().error(eventError);
        Response page = withLoginBean(context, context.form()).setError(loginFormError).createForm(TEMPLATE);
        context.failureChallenge(authenticatorError, page);
        return page;
    }

    /** The page shows the username (and remember-me) that was posted, as Keycloak's login page does. */
    private static LoginFormsProvider withLoginBean(AuthenticationFlowContext context, LoginFormsProvider form) {
        MultivaluedMap<String, String> posted = "POST".equalsIgnoreCase(context.getHttpRequest().getHttpMethod())
                ? context.getHttpRequest().getDecodedFormParameters() : new MultivaluedHashMap<>();
        return form.setAttribute("login", new LoginBean(posted));
    }

    /** Locked accounts get the answer of a wrong password or code, on the same field. */
    @Override
    protected String disabledByBruteForceError(String error) {
        return MSG_INVALID;
    }

    @Override
    protected String disabledByBruteForceFieldError() {
        return FIELD_PASSWORD;
    }

    @Override
    protected String getDefaultChallengeMessage(AuthenticationFlowContext context) {
        return isUserAlreadySetBeforeUsernamePasswordAuth(context) ? MSG_INVALID_KNOWN_USER : MSG_INVALID;
    }
}
