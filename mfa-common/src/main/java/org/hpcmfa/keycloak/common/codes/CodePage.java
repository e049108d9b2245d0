package org.hpcmfa.keycloak.common.codes;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The page that asks for a sent code, rendered with the channel's {@link CodeForm}. */
final class CodePage {

    static final String PARAM_RESEND = "resend";

    private final AuthenticationFlowContext context;
    private final CodeForm form;
    private final CodeRules rules;
    private final CodeChallenge challenge;
    private final int cooldownSeconds;
    private final Map<String, Object> extra;

    CodePage(AuthenticationFlowContext context, CodeForm form, CodeRules rules, CodeChallenge challenge,
            int cooldownSeconds, Map<String, Object> extra) {
        this.context = context;
        this.form = form;
        this.rules = rules;
        this.challenge = challenge;
        this.cooldownSeconds = cooldownSeconds;
        this.extra = extra;
    }

    Response plain() {
        return form().createForm(form.template());
    }

    /** A message about the code itself, shown at the input field. */
    Response fieldError(String message, Object... parameters) {
        return form().addError(new FormMessage(form.field(), form.message(message), parameters)).createForm(form.template());
    }

    Response withError(String message, Object... parameters) {
        return form().setError(form.message(message), parameters).createForm(form.template());
    }

    /** The page after an attempt to send a code; {@code explicit} tells a resend from the first code. */
    Response afterSend(CodeSender.Outcome outcome, boolean explicit) {
        return switch (outcome.result()) {
            case SENT -> explicit ? form().setSuccess(form.message("codeSent")).createForm(form.template()) : plain();
            case COOLDOWN -> withError("cooldown", outcome.retryAfterSeconds());
            case HOURLY_LIMIT -> withError("hourlyLimit");
            case SEND_FAILED -> withError("sendFailed");
        };
    }

    private LoginFormsProvider form() {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("codeLength", rules.codeLength());
        model.put("ttlMinutes", rules.codeTtlMinutes());
        model.put("hasCode", challenge.hasCode());
        model.put("cooldownSeconds", cooldownSeconds);
        return context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute(form.modelAttribute(), model);
    }
}
