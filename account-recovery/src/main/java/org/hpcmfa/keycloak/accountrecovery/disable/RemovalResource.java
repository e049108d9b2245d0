package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/hpc-mfa-removal}: "Disable two-factor login" from the terminal ({@code mfa rm}), by the
 * rules of the browser path: {@code requests} mails a single-use token bound to the person and the factors listed,
 * {@code confirm} with that token removes exactly those factors and revokes the person's SSH certificates. Every
 * step is an event, every refusal a JSON error with a stable code ({@link RemovalSteps}).
 */
public class RemovalResource {

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class RequestBody {
        @JsonProperty("factors")
        public List<String> factors;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class ConfirmBody {
        @JsonProperty("token")
        public String token;
    }

    private final KeycloakSession session;

    public RemovalResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        return SelfServiceCall.run(session, rules("removal_request", EventType.SEND_VERIFY_EMAIL, true), call -> {
            call.event().detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID);
            RequestBody parsed = body == null || body.isBlank() ? new RequestBody()
                    : SelfServiceCall.body(body, RequestBody.class);
            return RemovalSteps.request(call, parsed.factors);
        });
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response confirm(String body) {
        return SelfServiceCall.run(session, rules("removal_confirm", EventType.REMOVE_CREDENTIAL, false), call -> {
            call.event().detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID);
            return RemovalSteps.confirm(call, SelfServiceCall.body(body, ConfirmBody.class).token);
        });
    }

    private static SelfServiceCall.Rules rules(String operation, EventType type, boolean recentSignIn) {
        return new SelfServiceCall.Rules(operation, type, recentSignIn, true, RemovalResource::eventError);
    }

    /** The event error of a JSON code: the browser path's names where they exist, else account_recovery_<code>. */
    static String eventError(String error) {
        return switch (error) {
            case "expired_token" -> DisableMfaEvents.ERROR_LINK_EXPIRED;
            case "email_send_failed" -> DisableMfaEvents.ERROR_SEND_FAILED;
            case "no_email" -> DisableMfaEvents.ERROR_NO_EMAIL;
            case "email_not_verified" -> DisableMfaEvents.ERROR_EMAIL_NOT_VERIFIED;
            case "disabling_not_allowed" -> DisableMfaEvents.ERROR_NOT_ENABLED;
            default -> EventErrors.Capability.ACCOUNT_RECOVERY.error(error);
        };
    }
}
