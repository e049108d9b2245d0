package org.hpcmfa.keycloak.accountapi;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.PersonBearer;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceSettings;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One request of the account API: the person behind the bearer token, the realm's settings and the request's
 * event. {@link #run} authenticates, checks the recent sign-in where the step needs it, runs the step and writes
 * exactly one event: the success type, or its error type with the refusal's code
 * ({@code account_api_<code>}; a wrong code is Keycloak's {@code invalid_user_credentials}).
 */
final class ApiCall {

    /** The {@code operation} detail of every account API event: which step it was. */
    static final String OPERATION = "operation";
    static final String METHOD = "method";
    private static final int HOUR = 3600;

    /** A step of the API, given an authenticated call. */
    @FunctionalInterface
    interface Step {
        Map<String, Object> run(ApiCall call) throws ApiRefusal;
    }

    final KeycloakSession session;
    final RealmModel realm;
    final SelfServiceSettings settings;
    final EventBuilder event;
    PersonBearer.Person person;

    private ApiCall(KeycloakSession session, RealmModel realm, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.settings = SelfServiceSettings.of(realm);
        this.event = event;
    }

    UserModel user() {
        return person.user();
    }

    /** A step that changes nothing (the factor list): only its refusals are events. */
    static Response read(KeycloakSession session, String operation, EventType type, Step step) {
        return run(session, operation, type, false, false, step);
    }

    static Response run(KeycloakSession session, String operation, EventType type, boolean recentSignIn, Step step) {
        return run(session, operation, type, recentSignIn, true, step);
    }

    private static Response run(KeycloakSession session, String operation, EventType success, boolean recentSignIn,
            boolean successEvent, Step step) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(success).detail(OPERATION, operation);
        ApiCall call = new ApiCall(session, realm, event);
        try {
            call.person = PersonBearer.authenticate(session, realm, call.settings.allowedClients());
            event.user(call.person.user()).client(call.person.client()).session(call.person.userSession());
            if (recentSignIn) {
                PersonBearer.requireRecent(call.person, call.settings.maxAuthAgeSeconds());
            }
            Map<String, Object> answer = step.run(call);
            if (successEvent) {
                event.success();
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(answer).cacheControl(noStore).build();
        } catch (PersonBearer.Refusal refusal) {
            return refuse(event, success, refusal.status(), refusal.error(), refusal.getMessage(), null);
        } catch (ApiRefusal refusal) {
            return refuse(event, success, refusal.status(), refusal.error(), refusal.getMessage(), refusal.retryAfter());
        }
    }

    private static Response refuse(EventBuilder event, EventType success, int status, String error, String description,
            Integer retryAfter) {
        event.event(EventType.valueOf(success.name() + "_ERROR")).error(eventError(error));
        Map<String, Object> body = JsonErrors.body(error, description);
        if (retryAfter != null) {
            body.put("retryAfter", retryAfter);
        }
        Response answer = JsonErrors.response(status, body);
        if (retryAfter == null) {
            return answer;
        }
        return Response.fromResponse(answer).header("Retry-After", retryAfter).build();
    }

    /** The event error of a JSON code, in mfa-common's naming scheme. */
    static String eventError(String error) {
        return "invalid_code".equals(error) ? Errors.INVALID_USER_CREDENTIALS
                : EventErrors.Capability.ACCOUNT_API.error(error);
    }

    /**
     * Someone who already has a second factor adds or replaces one only after a sign-in that proved one: a
     * password alone (a direct grant for a person whose factor the terminal cannot ask) must not be enough.
     */
    void requireSecondFactorIfEnrolled() throws ApiRefusal {
        if (SecondFactors.hasAny(user()) && LoginSteps.evidence(session, realm, person.userSession(), false)
                .secondFactors(false).isEmpty()) {
            throw new ApiRefusal(403, "mfa_required", "You already have a second factor: sign in with it before "
                    + "setting up another or new recovery codes.");
        }
    }

    /** Claims one of the person's hourly uses of {@code operation}, or refuses with {@code rate_limited}. */
    void limit(String operation) throws ApiRefusal {
        RollingWindowLimit limit = new RollingWindowLimit(session.singleUseObjects(),
                "hpc-mfa-account.limit." + operation + "." + realm.getId() + "." + user().getId(), settings.hourlyLimit(),
                HOUR);
        if (limit.tryAcquire() < 0) {
            throw ApiRefusal.rateLimited(HOUR);
        }
    }

    static Map<String, Object> answer(Object... pairs) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            answer.put((String) pairs[i], pairs[i + 1]);
        }
        return answer;
    }
}
