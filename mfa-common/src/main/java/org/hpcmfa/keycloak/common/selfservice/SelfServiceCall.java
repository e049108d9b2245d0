package org.hpcmfa.keycloak.common.selfservice;

import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.hpcmfa.keycloak.common.rest.JsonBodies;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.PersonBearer;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One request of the terminal {@code mfa} command's endpoints (account API, removal by token): the person behind the
 * bearer token, the realm's {@link SelfServiceSettings} and the request's event. {@link #run} authenticates, checks
 * the recent sign-in where the step needs it, runs the step and writes exactly one event: the success, or the error
 * type with the refusal's code as the endpoint's module names it. Answers are never cached.
 */
public final class SelfServiceCall {

    /** The {@code operation} detail of every event of these endpoints: which step it was. */
    public static final String OPERATION = "operation";
    private static final int HOUR = 3600;

    /** A step, given an authenticated call. */
    @FunctionalInterface
    public interface Step {
        Map<String, Object> run(SelfServiceCall call) throws ApiRefusal;
    }

    /** How a run goes: the step's event type, whether it needs a recent sign-in, whether success is an event. */
    public record Rules(String operation, EventType type, boolean recentSignIn, boolean successEvent,
            UnaryOperator<String> eventError) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SelfServiceSettings settings;
    private final EventBuilder event;
    private PersonBearer.Person person;

    private SelfServiceCall(KeycloakSession session, RealmModel realm, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.settings = SelfServiceSettings.of(realm);
        this.event = event;
    }

    public static Response run(KeycloakSession session, Rules rules, Step step) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(rules.type()).detail(OPERATION, rules.operation());
        SelfServiceCall call = new SelfServiceCall(session, realm, event);
        try {
            call.person = PersonBearer.authenticate(session, realm, call.settings.allowedClients());
            event.user(call.person.user()).client(call.person.client()).session(call.person.userSession());
            if (rules.recentSignIn()) {
                PersonBearer.requireRecent(call.person, call.settings.maxAuthAgeSeconds());
            }
            Map<String, Object> answer = step.run(call);
            if (rules.successEvent()) {
                event.success();
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(answer).cacheControl(noStore).build();
        } catch (ApiRefusal refusal) {
            event.event(EventType.valueOf(rules.type().name() + "_ERROR")).error(rules.eventError().apply(refusal.error()));
            Map<String, Object> body = JsonErrors.body(refusal.error(), refusal.getMessage());
            if (refusal.retryAfter() == null) {
                return JsonErrors.response(refusal.status(), body);
            }
            body.put("retryAfter", refusal.retryAfter());
            return Response.fromResponse(JsonErrors.response(refusal.status(), body))
                    .header("Retry-After", refusal.retryAfter()).build();
        }
    }

    /** A JSON body read by {@link JsonBodies}; a refused body is a refusal like any. */
    public static <T> T body(String body, Class<T> type) throws ApiRefusal {
        try {
            return JsonBodies.parse(body, type);
        } catch (JsonBodies.InvalidBody invalid) {
            throw new ApiRefusal(invalid.status(), invalid.error(), invalid.getMessage());
        }
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    public SelfServiceSettings settings() {
        return settings;
    }

    public EventBuilder event() {
        return event;
    }

    public UserModel user() {
        return person.user();
    }

    /**
     * Someone who already has a second factor adds one, or new recovery codes, only after a sign-in that proved
     * one: a password alone (a direct grant for a person whose factor the terminal cannot ask) is not enough.
     */
    public void requireSecondFactorIfEnrolled() throws ApiRefusal {
        if (SecondFactors.hasAny(user()) && LoginSteps.evidence(session, realm, person.userSession(), false)
                .secondFactors(false).isEmpty()) {
            throw new ApiRefusal(403, "mfa_required", "You already have a second factor: sign in with it before "
                    + "setting up another or new recovery codes.");
        }
    }

    /**
     * Claims one of the person's hourly uses of {@code kind} (cluster-wide) and returns it, or refuses with
     * {@code rate_limited}.
     */
    public int limit(String kind) throws ApiRefusal {
        int slot = limiter(kind).tryAcquire();
        if (slot < 0) {
            throw new ApiRefusal(429, "rate_limited", "Too many requests of this kind in the last hour; try again "
                    + "later.", HOUR);
        }
        return slot;
    }

    /** Gives back a use that did not happen after all (a mail that could not be sent). */
    public void release(String kind, int slot) {
        limiter(kind).release(slot);
    }

    private RollingWindowLimit limiter(String kind) {
        return new RollingWindowLimit(session.singleUseObjects(),
                "hpc-mfa-self-service.limit." + kind + "." + realm.getId() + "." + user().getId(),
                settings.hourlyLimit(), HOUR);
    }
}
