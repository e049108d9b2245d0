package org.hpcmfa.keycloak.sms;

import java.util.Map;

import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeForm;
import org.hpcmfa.keycloak.common.codes.CodeLoginStep;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.sms.config.SmsSettings;
import org.hpcmfa.keycloak.sms.credential.SmsCredentialProvider;
import org.hpcmfa.keycloak.sms.enrolment.SmsSetupRequiredActionFactory;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Second factor by a code texted to the phone the person proved at enrolment, with the rules every code of the pack
 * follows ({@link CodeLoginStep}, shared with email codes). A {@link CredentialValidator}, so that Keycloak orders it
 * among a person's alternatives by the phone credential's priority (an SMS set up before the recovery codes that
 * follow every enrolment is offered first, and recovery codes stay "another way").
 */
public class SmsAuthenticator extends CodeLoginStep implements CredentialValidator<SmsCredentialProvider> {

    /** The page (template {@code hpc-sms-form.ftl} in the themes jar). */
    static final CodeForm FORM = new CodeForm("hpc-sms-form.ftl", "smsCode", "authenticator-sms", "smsOtp");

    @Override
    protected CodeChannel channel(AuthenticationFlowContext context) {
        PhoneNumber phone = SmsCredentialProvider.phoneOf(context.getUser()).orElseThrow();
        return new SmsCodeChannel(context.getSession(), context.getRealm(), context.getUser(), phone,
                SmsSettings.forExecution(context.getRealm(), context.getAuthenticatorConfig()), context.getEvent());
    }

    @Override
    protected CodeRules rules(AuthenticationFlowContext context) {
        return SmsSettings.forExecution(context.getRealm(), context.getAuthenticatorConfig()).rules();
    }

    @Override
    protected boolean eligible(AuthenticationFlowContext context) {
        return SmsCredentialProvider.phoneOf(context.getUser()).isPresent();
    }

    @Override
    protected CodeForm form() {
        return FORM;
    }

    @Override
    protected String credentialType() {
        return SmsEvents.TYPE;
    }

    @Override
    protected Map<String, Object> pageModel(AuthenticationFlowContext context) {
        return Map.of("sentTo", SmsCredentialProvider.phoneOf(context.getUser()).map(PhoneNumber::masked).orElse(""));
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return SmsCredentialProvider.phoneOf(user).isPresent();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        user.addRequiredAction(SmsSetupRequiredActionFactory.PROVIDER_ID);
    }

    @Override
    public SmsCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (SmsCredentialProvider) session.getProvider(CredentialProvider.class, SmsCredentialProvider.TYPE);
    }
}
