package org.hpcmfa.keycloak.push.login;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.push.challenge.LoginWatch;
import org.hpcmfa.keycloak.push.protocol.PageStatus;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Approve the request on your phone" (template {@code hpc-push-login.ftl} in the themes jar). While a request
 * is open, the page asks Keycloak every {@value #POLL_MILLIS} ms, same origin, whether the phone has answered,
 * and then submits itself; without JavaScript the user presses "Continue". A TOTP field is offered to users who
 * have TOTP.
 */
final class PushLoginPage {

    static final String TEMPLATE = "hpc-push-login.ftl";
    static final String FIELD_OTP = "otp";
    /** Code-to-phone: the 2-digit code the phone shows. */
    static final String FIELD_PUSH_CODE = "push-code";
    static final String PARAM_RESEND = "resend";
    static final int POLL_MILLIS = 400;

    static final String MSG_DECLINED = "authenticator-push.declined";
    static final String MSG_CANCELLED = "authenticator-push.cancelled";
    static final String MSG_WRONG_NUMBER = "authenticator-push.wrongNumber";
    static final String MSG_TIMED_OUT = "authenticator-push.timedOut";
    static final String MSG_STILL_WAITING = "authenticator-push.stillWaiting";
    static final String MSG_RATE_LIMITED = "authenticator-push.rateLimited";
    static final String MSG_LOCKED = "authenticator-push.locked";
    static final String MSG_NO_DEVICE = "authenticator-push.noDevice";
    static final String MSG_INVALID_OTP = "authenticator-push.invalidOtp";
    static final String MSG_SENT = "authenticator-push.sent";
    static final String MSG_WRONG_CODE = "authenticator-push.wrongCode";
    static final String MSG_CODE_EXPIRED = "authenticator-push.codeExpired";
    static final String MSG_CODE_MISSING = "authenticator-push.codeMissing";
    static final String MSG_APPROVE_FIRST = "authenticator-push.approveFirst";

    enum State { WAITING, CODE, IDLE, ENDED }

    private final AuthenticationFlowContext context;

    PushLoginPage(AuthenticationFlowContext context) {
        this.context = context;
    }

    /** A request is open: show the number and wait for the phone. */
    Response waiting(String number, String watch, long secondsLeft, String infoKey) {
        LoginFormsProvider form = form();
        Map<String, Object> push = model(State.WAITING);
        push.put("number", number == null ? "" : number);
        push.putAll(statusModel(watch));
        push.put("secondsLeft", Math.max(0, secondsLeft));
        push.put("pollMillis", POLL_MILLIS);
        form.setAttribute("push", push);
        if (infoKey != null) {
            form.setInfo(infoKey);
        }
        return form.createForm(TEMPLATE);
    }

    /** No open request (timed out, cancelled, refused by a limit): a message and "Send a new request". */
    Response idle(String errorKey) {
        LoginFormsProvider form = form();
        form.setAttribute("push", model(State.IDLE));
        return form.setError(errorKey).createForm(TEMPLATE);
    }

    /** The attempt is over (a "not me" answer): only the message and a way to start again. */
    Response ended(String errorKey) {
        LoginFormsProvider form = form();
        form.setAttribute("push", model(State.ENDED));
        return form.setError(errorKey).createForm(TEMPLATE);
    }

    /**
     * Code-to-phone: the phone accepted and shows a code; the person types it here. No automatic submit, so a
     * half-typed code is never sent; {@code fieldErrorKey} (or null) is shown at the field.
     */
    Response enterCode(String fieldErrorKey) {
        LoginFormsProvider form = form();
        form.setAttribute("push", model(State.CODE));
        if (fieldErrorKey != null) {
            form.addError(new FormMessage(FIELD_PUSH_CODE, fieldErrorKey));
        }
        return form.createForm(TEMPLATE);
    }

    /** A wrong TOTP code, shown at the field, with the request (if any) still waiting. */
    Response otpError(State state, String number, String watch, long secondsLeft) {
        LoginFormsProvider form = form();
        Map<String, Object> push = model(state);
        push.put("number", number == null ? "" : number);
        // Without a request there is nothing to watch: the template renders no status attributes then.
        push.putAll(watch == null ? Map.of(PageStatus.MODEL_URL, "", PageStatus.MODEL_FIELD, "",
                PageStatus.MODEL_DONE_VALUES, "") : statusModel(watch));
        push.put("secondsLeft", Math.max(0, secondsLeft));
        push.put("pollMillis", POLL_MILLIS);
        form.setAttribute("push", push);
        form.addError(new FormMessage(FIELD_OTP, MSG_INVALID_OTP));
        return form.createForm(TEMPLATE);
    }

    private Map<String, Object> model(State state) {
        Map<String, Object> push = new HashMap<>();
        push.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        // Code-to-phone: the waiting page says that the phone will show a code to type here.
        push.put("codeToPhone", "true".equals(context.getAuthenticationSession().getAuthNote(PushAuthenticator.NOTE_CODE_TO_PHONE)));
        push.put("hasOtp", context.getUser().credentialManager().isConfiguredFor(OTPCredentialModel.TYPE));
        return push;
    }

    private LoginFormsProvider form() {
        return context.form().setExecution(context.getExecution().getId());
    }

    private Map<String, Object> statusModel(String watch) {
        return statusModel(context.getSession().getContext().getUri().getBaseUri(), context.getRealm().getName(), watch);
    }

    /** The page waits until the login status names a state that ends the waiting. */
    static Map<String, Object> statusModel(URI baseUri, String realmName, String watch) {
        return PageStatus.model(baseUri, realmName, PageStatus.LOGIN_PATH, watch, PageStatus.LOGIN_FIELD,
                LoginWatch.State.endingWireNames());
    }
}
