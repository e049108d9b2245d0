package org.hpcmfa.keycloak.sms.enrolment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.codes.CodeChallenge;
import org.hpcmfa.keycloak.common.codes.CodeNotes;
import org.hpcmfa.keycloak.common.codes.CodeSender;
import org.hpcmfa.keycloak.sms.SmsCodeChannel;
import org.hpcmfa.keycloak.sms.SmsEvents;
import org.hpcmfa.keycloak.sms.config.SmsConfig;
import org.hpcmfa.keycloak.sms.config.SmsSettings;
import org.hpcmfa.keycloak.sms.credential.SmsCredentialProvider;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * "Set up SMS codes": the person types a phone number, a code is texted to it, and only the code typed back creates
 * the credential, so a number is never stored unproven. The pending number and code live in the login's
 * authentication-session notes; sends follow the SMS throttle (one cooldown and hourly cap with logins).
 */
public class SmsSetupRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "hpc-sms-setup.ftl";
    static final String NOTE_PHONE = "hpc-sms.setup.phone";
    static final String CHALLENGE_PREFIX = "hpc-sms.setup";
    static final String FIELD_PHONE = "phone";
    static final String FIELD_CODE = "smsCode";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    /** The Account Console's "Set up" (and any application) may start it with {@code kc_action=hpc-sms-setup}. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<PhoneNumber> pending = pendingPhone(context);
        if (form.containsKey("change") || (pending.isEmpty() && !form.containsKey(FIELD_PHONE))) {
            context.getAuthenticationSession().removeAuthNote(NOTE_PHONE);
            challenge(context).clear();
            context.challenge(page(context).createForm(TEMPLATE));
        } else if (form.containsKey(FIELD_PHONE)) {
            Optional<PhoneNumber> phone = PhoneNumber.parse(form.getFirst(FIELD_PHONE));
            if (phone.isEmpty()) {
                context.getEvent().detail(Details.CREDENTIAL_TYPE, SmsEvents.TYPE).error(SmsEvents.ERROR_INVALID_PHONE);
                context.challenge(page(context).addError(new FormMessage(FIELD_PHONE, "authenticator-sms.invalidPhone"))
                        .createForm(TEMPLATE));
                return;
            }
            context.getAuthenticationSession().setAuthNote(NOTE_PHONE, phone.get().e164());
            challenge(context).clear();
            afterSend(context, send(context, phone.get()), false);
        } else if (form.containsKey("resend")) {
            afterSend(context, send(context, pending.get()), true);
        } else {
            check(context, pending.get(), form.getFirst(FIELD_CODE));
        }
    }

    private void check(RequiredActionContext context, PhoneNumber phone, String typed) {
        SmsConfig config = SmsSettings.forSetup(context.getRealm());
        CodeChallenge challenge = challenge(context);
        if ((typed == null || typed.isBlank()) && challenge.hasCode()) {
            // Enter pressed too early: not a guess, nothing counted.
            context.challenge(page(context).addError(new FormMessage(FIELD_CODE, "authenticator-sms.missingCode"))
                    .createForm(TEMPLATE));
            return;
        }
        context.getEvent().detail(Details.CREDENTIAL_TYPE, SmsEvents.TYPE).detail(SmsEvents.PHONE, phone.masked());
        switch (challenge.check(typed, Time.currentTime(), config.rules().maxAttempts())) {
            case VALID -> {
                new SmsCredentialProvider(context.getSession()).enrol(context.getRealm(), context.getUser(), phone);
                context.getAuthenticationSession().removeAuthNote(NOTE_PHONE);
                context.getEvent().event(EventType.UPDATE_CREDENTIAL);
                context.success();
            }
            case WRONG -> {
                context.getEvent().error(Errors.INVALID_CODE);
                String message = challenge.attemptsLeft(config.rules().maxAttempts()) > 0
                        ? "authenticator-sms.invalidCode" : "authenticator-sms.tooManyAttempts";
                context.challenge(page(context).addError(new FormMessage(FIELD_CODE, message)).createForm(TEMPLATE));
            }
            case EXPIRED -> {
                context.getEvent().error(Errors.EXPIRED_CODE);
                context.challenge(page(context).setError("authenticator-sms.expiredCode").createForm(TEMPLATE));
            }
            case DEAD -> {
                context.getEvent().error(SmsEvents.ERROR_TOO_MANY_ATTEMPTS);
                context.challenge(page(context).setError("authenticator-sms.tooManyAttempts").createForm(TEMPLATE));
            }
            case NO_CODE -> {
                context.getEvent().error(SmsEvents.ERROR_NO_CODE);
                context.challenge(page(context).setError("authenticator-sms.noCode").createForm(TEMPLATE));
            }
        }
    }

    private CodeSender.Outcome send(RequiredActionContext context, PhoneNumber phone) {
        SmsConfig config = SmsSettings.forSetup(context.getRealm());
        CodeChallenge challenge = challenge(context);
        return CodeSender.send(context.getSession(), context.getRealm(), context.getUser(), config.rules(),
                channel(context, phone, config), (code, now) -> challenge.issue(code, now, config.rules().codeTtlSeconds()));
    }

    private void afterSend(RequiredActionContext context, CodeSender.Outcome outcome, boolean explicit) {
        LoginFormsProvider page = page(context);
        Response response = switch (outcome.result()) {
            case SENT -> explicit ? page.setSuccess("authenticator-sms.codeSent").createForm(TEMPLATE) : page.createForm(TEMPLATE);
            case COOLDOWN -> page.setError("authenticator-sms.cooldown", outcome.retryAfterSeconds()).createForm(TEMPLATE);
            case HOURLY_LIMIT -> page.setError("authenticator-sms.hourlyLimit").createForm(TEMPLATE);
            case SEND_FAILED -> page.setError("authenticator-sms.sendFailed").createForm(TEMPLATE);
        };
        context.challenge(response);
    }

    private LoginFormsProvider page(RequiredActionContext context) {
        SmsConfig config = SmsSettings.forSetup(context.getRealm());
        Optional<PhoneNumber> phone = pendingPhone(context);
        Map<String, Object> model = new HashMap<>();
        model.put("step", phone.isPresent() && challenge(context).hasCode() ? "code" : "phone");
        model.put("sentTo", phone.map(PhoneNumber::masked).orElse(""));
        model.put("codeLength", config.rules().codeLength());
        model.put("ttlMinutes", config.rules().codeTtlMinutes());
        model.put("cooldownSeconds", phone.isEmpty() ? 0 : CodeSender.cooldownRemaining(context.getSession(),
                context.getRealm(), context.getUser(), config.rules(), channel(context, phone.get(), config)));
        return context.form().setAttribute("smsSetup", model);
    }

    private static SmsCodeChannel channel(RequiredActionContext context, PhoneNumber phone, SmsConfig config) {
        return new SmsCodeChannel(context.getSession(), context.getRealm(), context.getUser(), phone, config,
                context.getEvent());
    }

    private static Optional<PhoneNumber> pendingPhone(RequiredActionContext context) {
        return PhoneNumber.parse(context.getAuthenticationSession().getAuthNote(NOTE_PHONE));
    }

    private static CodeChallenge challenge(RequiredActionContext context) {
        return new CodeChallenge(context.getSession().singleUseObjects(), CodeNotes.of(context.getAuthenticationSession()),
                CHALLENGE_PREFIX);
    }

    @Override
    public void close() {
    }
}
