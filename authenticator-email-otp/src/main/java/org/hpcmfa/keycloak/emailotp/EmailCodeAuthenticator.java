package org.hpcmfa.keycloak.emailotp;

import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeForm;
import org.hpcmfa.keycloak.common.codes.CodeLoginStep;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeChannel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Second factor by a numeric code mailed to the user, with the rules every code of the pack follows
 * ({@link CodeLoginStep}): one mail on the first display, new ones only on request within the cooldown and cap.
 */
public class EmailCodeAuthenticator extends CodeLoginStep {

    /** The page (template {@code hpc-email-otp-form.ftl} in the themes jar). */
    static final CodeForm FORM = new CodeForm("hpc-email-otp-form.ftl", "emailCode", "authenticator-email-otp", "emailOtp");

    @Override
    protected CodeChannel channel(AuthenticationFlowContext context) {
        return new EmailCodeChannel(context.getSession(), context.getRealm(), context.getUser(), context.getEvent());
    }

    @Override
    protected CodeRules rules(AuthenticationFlowContext context) {
        return EmailCodeConfig.from(context.getAuthenticatorConfig()).rules();
    }

    @Override
    protected boolean eligible(AuthenticationFlowContext context) {
        return EmailEligibility.isEligible(context.getUser(), EmailCodeConfig.from(context.getAuthenticatorConfig()));
    }

    @Override
    protected CodeForm form() {
        return FORM;
    }

    @Override
    protected String credentialType() {
        return EmailCodeEvents.TYPE;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return EmailEligibility.isEligibleAnywhere(realm, user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to set up: the factor is the user's email address, maintained with the profile.
    }
}
