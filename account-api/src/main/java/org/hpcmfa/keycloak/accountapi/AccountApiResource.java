package org.hpcmfa.keycloak.accountapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/hpc-mfa-account}: the account API behind the terminal {@code mfa} command, for the
 * person's own bearer token (see {@code docs/account-api.md}). Setting up a factor and regenerating recovery codes
 * need a recent sign-in; every step is an event and every refusal a JSON error with a stable code.
 */
public class AccountApiResource {

    private final KeycloakSession session;

    public AccountApiResource(KeycloakSession session) {
        this.session = session;
    }

    /** A step that changes something: an event either way. */
    private static SelfServiceCall.Rules step(String operation, EventType type, boolean recentSignIn) {
        return new SelfServiceCall.Rules(operation, type, recentSignIn, true, Answers::eventError);
    }

    /** A step that changes nothing: only its refusals are events. */
    private static SelfServiceCall.Rules read(String operation) {
        return new SelfServiceCall.Rules(operation, EventType.USER_INFO_REQUEST, false, false, Answers::eventError);
    }

    @GET
    @Path("factors")
    @Produces(MediaType.APPLICATION_JSON)
    public Response factors() {
        return SelfServiceCall.run(session, read("factors"), FactorList::of);
    }

    @POST
    @Path("enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response begin(String body) {
        return SelfServiceCall.run(session, step("enrolment_begin", EventType.UPDATE_CREDENTIAL, true),
                call -> Enrolments.begin(call, SelfServiceCall.body(body, Bodies.Enrolment.class)));
    }

    @POST
    @Path("enrolments/{handle}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response confirm(@PathParam("handle") String handle, String body) {
        return SelfServiceCall.run(session, step("enrolment_confirm", EventType.UPDATE_CREDENTIAL, true),
                call -> Enrolments.confirm(call, handle, SelfServiceCall.body(body, Bodies.Code.class)));
    }

    @POST
    @Path("codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response codes(String body) {
        return SelfServiceCall.run(session, step("code_request", EventType.SEND_VERIFY_EMAIL, false),
                call -> Codes.send(call, SelfServiceCall.body(body, Bodies.Method.class)));
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(String body) {
        return SelfServiceCall.run(session, step("verify", EventType.LOGIN, false),
                call -> Codes.verify(call, SelfServiceCall.body(body, Bodies.Code.class)));
    }

    @GET
    @Path("recovery-codes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response recoveryCodes() {
        return SelfServiceCall.run(session, read("recovery_codes"), RecoveryCodes::status);
    }

    @POST
    @Path("recovery-codes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response regenerate() {
        return SelfServiceCall.run(session, step("recovery_codes_regenerate", EventType.UPDATE_CREDENTIAL, true),
                RecoveryCodes::regenerate);
    }
}
