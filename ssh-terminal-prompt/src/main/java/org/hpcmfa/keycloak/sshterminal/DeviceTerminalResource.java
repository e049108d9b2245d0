package org.hpcmfa.keycloak.sshterminal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/ssh-terminal/device/}: the login node's device mode (VSC's "your ssh client will now
 * prompt you with a URL"). {@code start} checks the account and returns the texts of the prompt; the node then
 * runs the OAuth device grant as the gateway client (with {@code login_hint} and the key's fingerprint) and shows
 * the one-time link. {@code finish} judges the outcome ({@link DeviceLogins}) and answers like {@code finish} of
 * the terminal prompt, with a certificate when a public key is sent. Every outcome is a LOGIN or LOGIN_ERROR event
 * with {@code auth_method} {@value #AUTH_METHOD}.
 */
public class DeviceTerminalResource {

    static final String AUTH_METHOD = "ssh-terminal-device";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SshTerminalResource terminal;

    DeviceTerminalResource(KeycloakSession session, SshTerminalResource terminal) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.terminal = terminal;
    }

    @POST
    @Path("start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        EventBuilder event = event();
        String locale = null;
        try {
            terminal.authenticate(terminal.settings(), event);
            DeviceRequests.Start request = SshTerminalResource.parse(body, DeviceRequests.Start.class);
            locale = request.locale;
            event.detail(Details.USERNAME, request.username).detail("remote_address", request.remoteAddress);
            UserModel user = new DeviceLogins(session, realm).account(request.username);
            TerminalPrompt prompt = new TerminalPrompt(session, realm, user, locale);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("username", user.getUsername());
            answer.put("login_hint", user.getUsername());
            answer.put("instruction", prompt.text(TerminalPrompt.MSG_DEVICE_OPEN, List.of(user.getUsername())));
            answer.put("scan", prompt.text(TerminalPrompt.MSG_DEVICE_SCAN));
            // The user presses Enter right after the question, on the same line.
            answer.put("prompt", prompt.text(TerminalPrompt.MSG_DEVICE_PROMPT) + " ");
            return Response.ok(answer).build();
        } catch (TerminalRefusal refusal) {
            return terminal.refused(event, refusal, null, locale);
        }
    }

    @POST
    @Path("finish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response finish(String body) {
        EventBuilder event = event();
        String locale = null;
        try {
            GatewayClient gateway = terminal.authenticate(terminal.settings(), event);
            DeviceRequests.Finish request = SshTerminalResource.parse(body, DeviceRequests.Finish.class);
            locale = request.locale;
            event.detail(Details.USERNAME, request.username).detail("remote_address", request.remoteAddress);
            DeviceLogins logins = new DeviceLogins(session, realm);
            UserModel account = logins.account(request.username);
            boolean hasToken = request.accessToken != null && !request.accessToken.isBlank();
            if (!hasToken || request.error != null) {
                throw logins.ended(account, hasToken ? "" : request.error);
            }
            DeviceLogins.Finished finished = logins.finish(gateway, account, request.accessToken);
            event.user(account).detail(Details.USERNAME, account.getUsername())
                    .detail("factors", finished.factors()).success();
            TerminalPrompt prompt = new TerminalPrompt(session, realm, account, locale);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("result", "ok");
            answer.put("username", account.getUsername());
            answer.put("message", prompt.text(TerminalPrompt.MSG_WELCOME));
            if (request.publicKey != null && !request.publicKey.isBlank()) {
                answer.putAll(CertificateAfterLogin.fields(session, realm, gateway, account, request.publicKey,
                        finished.proven(), finished.authTime()));
            }
            return Response.ok(answer).build();
        } catch (TerminalRefusal refusal) {
            return terminal.refused(event, refusal, null, locale);
        }
    }

    private EventBuilder event() {
        return terminal.event().detail(Details.AUTH_METHOD, AUTH_METHOD);
    }
}
