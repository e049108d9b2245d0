package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.rest.JsonBodies;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.PersonBearer;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceSettings;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/hpc-mfa-removal}: "Disable two-factor login" from the terminal ({@code mfa rm}), by the
 * rules of the browser path: {@code requests} mails a single-use token bound to the person and the factors listed,
 * {@code confirm} with that token removes exactly those factors and revokes the person's SSH certificates. Every
 * step is an event, every refusal a JSON error with a stable code.
 */
public class RemovalResource {

    /** The {@code operation} detail of the removal's events. */
    static final String OPERATION = "operation";

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

    /** A refusal of a step: HTTP status, stable code, sentence. */
    static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        final int status;
        final String error;

        Refusal(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    @FunctionalInterface
    interface Step {
        Map<String, Object> run(PersonBearer.Person person, EventBuilder event, SelfServiceSettings settings)
                throws Refusal, PersonBearer.Refusal, JsonBodies.InvalidBody;
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public RemovalResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        return run("removal_request", EventType.SEND_VERIFY_EMAIL, true, (person, event, settings) -> {
            RequestBody parsed = body == null || body.isBlank() ? new RequestBody() : JsonBodies.parse(body, RequestBody.class);
            return RemovalSteps.request(session, realm, person, event, settings, parsed.factors);
        });
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response confirm(String body) {
        return run("removal_confirm", EventType.REMOVE_CREDENTIAL, false, (person, event, settings) ->
                RemovalSteps.confirm(session, realm, person, event, settings, JsonBodies.parse(body, ConfirmBody.class).token));
    }

    private Response run(String operation, EventType type, boolean recentSignIn, Step step) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(OPERATION, operation).detail(Details.CUSTOM_REQUIRED_ACTION, DisableMfaAction.ID);
        SelfServiceSettings settings = SelfServiceSettings.of(realm);
        try {
            PersonBearer.Person person = PersonBearer.authenticate(session, realm, settings.allowedClients());
            event.user(person.user()).client(person.client()).session(person.userSession());
            if (recentSignIn) {
                PersonBearer.requireRecent(person, settings.maxAuthAgeSeconds());
            }
            Map<String, Object> answer = step.run(person, event, settings);
            event.success();
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(answer).cacheControl(noStore).build();
        } catch (PersonBearer.Refusal refusal) {
            return refuse(event, type, refusal.status(), refusal.error(), refusal.getMessage());
        } catch (JsonBodies.InvalidBody invalid) {
            return refuse(event, type, invalid.status(), invalid.error(), invalid.getMessage());
        } catch (Refusal refusal) {
            return refuse(event, type, refusal.status, refusal.error, refusal.getMessage());
        }
    }

    private static Response refuse(EventBuilder event, EventType type, int status, String error, String description) {
        event.event(EventType.valueOf(type.name() + "_ERROR")).error(eventError(error));
        Map<String, Object> body = new LinkedHashMap<>(JsonErrors.body(error, description));
        return JsonErrors.response(status, body);
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
