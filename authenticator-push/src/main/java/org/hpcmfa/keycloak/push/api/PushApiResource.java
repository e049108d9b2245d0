package org.hpcmfa.keycloak.push.api;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.push.challenge.LoginWatch;
import org.hpcmfa.keycloak.push.enrol.PendingEnrolments;
import org.hpcmfa.keycloak.push.protocol.PageStatus;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/pipush}: the one URL the privacyIDEA Authenticator app talks to (rollout, poll, answer,
 * Firebase token update, dispatched as privacyIDEA does, spec section 4.3), plus the two status checks the
 * waiting login and enrolment pages call. None of it needs a login: the phone proves itself by signatures,
 * the pages by unguessable watch tokens.
 */
public class PushApiResource {

    /** How often a waiting status check re-reads the store: in-memory reads, one per challenge of the login. */
    static final long STEP_MILLIS = 25;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPoll waits;

    public PushApiResource(KeycloakSession session, LongPoll waits) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waits = waits;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response post() {
        MultivaluedMap<String, String> form = formParameters();
        if (isBlank(form.getFirst("serial"))) {
            // Also the answer to the app's empty pre-flight POST on iOS: fast, and not an attack.
            return PushEnvelope.error(400, 905, "ERR905: Missing parameter: 'serial'");
        }
        if (!isBlank(form.getFirst("fbtoken")) && !isBlank(form.getFirst("pubkey"))) {
            return RolloutHandler.handle(session, realm, form);
        }
        if (!isBlank(form.getFirst("signature")) && form.getFirst("new_fb_token") == null) {
            return AnswerHandler.handle(session, realm, form);
        }
        if (!isBlank(form.getFirst("new_fb_token")) && !isBlank(form.getFirst("timestamp"))
                && !isBlank(form.getFirst("signature"))) {
            return FirebaseTokenUpdateHandler.handle(session, realm, form);
        }
        return PushEnvelope.error(400, 905, "ERR905: Missing parameters!");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll() {
        return PollHandler.handle(session, realm, session.getContext().getUri().getQueryParameters());
    }

    /**
     * For the waiting login page: has the phone answered yet? With {@code wait}, the answer waits (bounded) until
     * the state changes, re-reading the cluster-wide store, so an approval that reached any node ends it at once.
     */
    @GET
    @Path(PageStatus.LOGIN_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public Response loginStatus(@QueryParam(PageStatus.WATCH_PARAM) String watch,
            @QueryParam(PageStatus.WAIT_PARAM) String wait) {
        LoginWatch watching = new LoginWatch(session.singleUseObjects(), realm.getId());
        LoginWatch.State state = waits.await(
                () -> Optional.of(watching.state(watch)).filter(LoginWatch.State::endsWaiting),
                LongPoll.seconds(wait) * 1000L, STEP_MILLIS).orElse(LoginWatch.State.PENDING);
        return status(Map.of(PageStatus.LOGIN_FIELD, state.wireName()));
    }

    /** For the waiting enrolment page: has the phone completed the rollout yet? {@code wait} as for the login. */
    @GET
    @Path(PageStatus.ENROLMENT_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolmentStatus(@QueryParam(PageStatus.WATCH_PARAM) String watch,
            @QueryParam(PageStatus.WAIT_PARAM) String wait) {
        PendingEnrolments enrolments = new PendingEnrolments(session.singleUseObjects(), realm.getId());
        boolean enrolled = waits.await(() -> Optional.of(enrolments.enrolled(watch)).filter(Boolean::booleanValue),
                LongPoll.seconds(wait) * 1000L, STEP_MILLIS).isPresent();
        return status(Map.of(PageStatus.ENROLMENT_FIELD, enrolled));
    }

    private static Response status(Map<String, Object> body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).build();
    }

    private MultivaluedMap<String, String> formParameters() {
        MultivaluedMap<String, String> merged = new MultivaluedHashMap<>();
        // privacyIDEA accepts query parameters on POST too, and the app keeps any query of the stored URL.
        session.getContext().getUri().getQueryParameters().forEach(merged::addAll);
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        if (form != null) {
            form.forEach(merged::addAll);
        }
        return merged;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
