package org.hpcmfa.keycloak.emailotp;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.emailotp.code.EmailCodeChallenge;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeSender;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The login page that asks for the emailed code (template {@code hpc-email-otp-form.ftl} in the themes jar). */
final class EmailCodePage {

    static final String TEMPLATE = "hpc-email-otp-form.ftl";
    static final String FIELD_CODE = "emailCode";
    static final String PARAM_RESEND = "resend";

    static final String MSG_INVALID_CODE = "authenticator-email-otp.invalidCode";
    static final String MSG_MISSING_CODE = "authenticator-email-otp.missingCode";
    static final String MSG_EXPIRED = "authenticator-email-otp.expiredCode";
    static final String MSG_TOO_MANY_ATTEMPTS = "authenticator-email-otp.tooManyAttempts";
    static final String MSG_NO_CODE = "authenticator-email-otp.noCode";
    static final String MSG_CODE_SENT = "authenticator-email-otp.codeSent";
    static final String MSG_COOLDOWN = "authenticator-email-otp.cooldown";
    static final String MSG_HOURLY_LIMIT = "authenticator-email-otp.hourlyLimit";
    static final String MSG_SEND_FAILED = "authenticator-email-otp.sendFailed";

    private final AuthenticationFlowContext context;
    private final EmailCodeConfig config;
    private final EmailCodeChallenge challenge;

    EmailCodePage(AuthenticationFlowContext context, EmailCodeConfig config, EmailCodeChallenge challenge) {
        this.context = context;
        this.config = config;
        this.challenge = challenge;
    }

    Response plain() {
        return render(form());
    }

    /** A message about the code itself, shown at the input field. */
    Response fieldError(String messageKey, Object... parameters) {
        return render(form().addError(new FormMessage(FIELD_CODE, messageKey, parameters)));
    }

    Response error(String messageKey, Object... parameters) {
        return render(form().setError(messageKey, parameters));
    }

    Response success(String messageKey, Object... parameters) {
        return render(form().setSuccess(messageKey, parameters));
    }

    /** The page after an attempt to send a code; {@code explicit} tells a resend from the first mail. */
    Response afterSend(EmailCodeSender.Outcome outcome, boolean explicit) {
        return switch (outcome.result()) {
            case SENT -> explicit ? success(MSG_CODE_SENT) : plain();
            case COOLDOWN -> error(MSG_COOLDOWN, outcome.retryAfterSeconds());
            case HOURLY_LIMIT -> error(MSG_HOURLY_LIMIT);
            case SEND_FAILED -> error(MSG_SEND_FAILED);
        };
    }

    private LoginFormsProvider form() {
        Map<String, Object> model = new HashMap<>();
        model.put("codeLength", config.codeLength());
        model.put("ttlMinutes", config.codeTtlMinutes());
        model.put("hasCode", challenge.hasCode());
        model.put("cooldownSeconds", EmailCodeSender.cooldownRemaining(context, config));
        return context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute("emailOtp", model);
    }

    private static Response render(LoginFormsProvider form) {
        return form.createForm(TEMPLATE);
    }
}
