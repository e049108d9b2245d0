package org.hpcmfa.keycloak.sshterminal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.rest.JsonBodies;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.sshterminal.settings.TerminalSettings;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/ssh-terminal/}: the second factor at the SSH prompt, for login nodes that have already
 * verified the user's key. {@code start} names the user and returns a handle and the prompt to show; {@code
 * finish} sends what the user typed (possibly nothing, after a push approval) and returns the verdict, and a
 * certificate when a public key is sent. Every refusal is JSON with a translated {@code message} for the
 * terminal, and every attempt a LOGIN or LOGIN_ERROR event.
 */
public class SshTerminalResource {

    static final String AUTH_METHOD = "ssh-terminal";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPoll waits;

    public SshTerminalResource(KeycloakSession session, LongPoll waits) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waits = waits;
    }

    @POST
    @Path("start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        EventBuilder event = event();
        TerminalSettings settings = settings();
        String locale = null;
        UserModel user = null;
        try {
            GatewayClient gateway = authenticate(settings, event);
            TerminalRequests.Start request = parse(body, TerminalRequests.Start.class);
            locale = request.locale;
            event.detail(Details.USERNAME, request.username).detail("remote_address", request.remoteAddress);
            TerminalLogins.Started started = new TerminalLogins(session, realm, settings)
                    .start(gateway, request.username, request.remoteAddress);
            user = started.user();
            TerminalPrompt prompt = new TerminalPrompt(session, realm, user, locale);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("handle", started.handle());
            answer.put("prompt", prompt.prompt(started.hints(), started.typed(), started.push()));
            answer.put("expires_in", settings.handleSeconds());
            answer.put("factors", started.factors());
            return Response.ok(answer).build();
        } catch (TerminalRefusal refusal) {
            return refused(event, refusal, user, locale);
        }
    }

    @POST
    @Path("finish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response finish(String body) {
        EventBuilder event = event();
        TerminalSettings settings = settings();
        String locale = null;
        try {
            GatewayClient gateway = authenticate(settings, event);
            TerminalRequests.Finish request = parse(body, TerminalRequests.Finish.class);
            locale = request.locale;
            TerminalLogins.Finished finished;
            try {
                finished = new TerminalLogins(session, realm, settings).finish(gateway, request.handle, request.answer,
                        LongPoll.seconds(request.waitSeconds), waits);
            } catch (TerminalRefusal refusal) {
                return refused(event, refusal, null, locale);
            }
            event.user(finished.user()).detail(Details.USERNAME, finished.user().getUsername())
                    .detail(Details.CREDENTIAL_TYPE, finished.credentialType())
                    .detail("remote_address", finished.remoteAddress()).success();
            TerminalPrompt prompt = new TerminalPrompt(session, realm, finished.user(), locale);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("result", "ok");
            answer.put("username", finished.user().getUsername());
            answer.put("message", prompt.text(TerminalPrompt.MSG_WELCOME));
            TerminalVerdict acceptance = finished.acceptance();
            if (acceptance != null && acceptance.messageKey() != null) {
                // Shown under the welcome (e.g. few recovery codes left), as the browser shows it after a login.
                answer.put("notice", prompt.text(acceptance.messageKey(), acceptance.messageParameters()));
            }
            if (request.publicKey != null && !request.publicKey.isBlank()) {
                // The prompt checked the second factor just now; sshd, not Keycloak, checked the first.
                answer.putAll(CertificateAfterLogin.fields(session, realm, gateway, finished.user(), request.publicKey,
                        LoginFactor.ofCredentialType(finished.credentialType()).map(Set::of).orElse(Set.of()),
                        Time.currentTime()));
            }
            return Response.ok(answer).build();
        } catch (TerminalRefusal refusal) {
            return refused(event, refusal, null, locale);
        }
    }

    /** {@code device/start} and {@code device/finish}: the login node's device mode ({@link DeviceTerminalResource}). */
    @Path("device")
    public DeviceTerminalResource device() {
        return new DeviceTerminalResource(session, this);
    }

    GatewayClient authenticate(TerminalSettings settings, EventBuilder event) throws TerminalRefusal {
        GatewayClient gateway = GatewayClient.authenticate(session, realm, settings);
        event.client(gateway.client());
        return gateway;
    }

    static <T> T parse(String body, Class<T> type) throws TerminalRefusal {
        try {
            return JsonBodies.parse(body, type);
        } catch (JsonBodies.InvalidBody invalid) {
            throw TerminalRefusal.prompt(invalid.status(), invalid.error(), invalid.getMessage(),
                    TerminalPrompt.MSG_UNAVAILABLE);
        }
    }

    Response refused(EventBuilder event, TerminalRefusal refusal, UserModel user, String locale) {
        UserModel concerned = refusal.user() != null ? refusal.user() : user;
        if (concerned != null) {
            event.user(concerned).detail(Details.USERNAME, concerned.getUsername());
        }
        refusal.eventDetails().forEach(event::detail);
        event.detail(Details.REASON, refusal.getMessage()).error(refusal.eventError());
        // The terminal shows "message", in the user's language; scripts and the node's admin read the rest.
        Map<String, Object> body = JsonErrors.body(refusal.error(), refusal.getMessage());
        body.put("message", new TerminalPrompt(session, realm, concerned, locale)
                .text(refusal.messageKey(), refusal.messageParameters()));
        return JsonErrors.response(refusal.status(), body);
    }

    EventBuilder event() {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGIN).detail(Details.AUTH_METHOD, AUTH_METHOD);
    }

    TerminalSettings settings() {
        return TerminalSettings.of(realm);
    }
}
