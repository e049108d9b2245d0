package org.hpcmfa.keycloak.sshcert.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.issue.CertificateEvents;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.renew.RenewalFinish;
import org.hpcmfa.keycloak.sshcert.renew.RenewalRequests;
import org.hpcmfa.keycloak.sshcert.renew.RenewalStart;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;

/**
 * {@code ssh-ca/renew/start} and {@code ssh-ca/renew/finish}: a fresh certificate for a key already certified in
 * this Keycloak session, confirmed by one push approval or one TOTP code instead of a browser login, while the
 * session's last full two-factor login is within the realm's window. Both halves need the session's access
 * token; {@code start} also the key's signature. Refusals are JSON with a stable code and a TOKEN_EXCHANGE_ERROR
 * event; a renewal still waiting for the phone is {@code 202 {"status": "pending"}}, not a refusal.
 */
public class RenewalResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPoll waits;

    RenewalResource(KeycloakSession session, RealmModel realm, LongPoll waits) {
        this.session = session;
        this.realm = realm;
        this.waits = waits;
    }

    @POST
    @Path("start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        EventBuilder event = CertificateEvents.signing(session, realm).detail("renewal", "start");
        try {
            SshCaComponent ca = signer();
            CertificateRequester.Caller caller = caller(event);
            RenewalRequests.Start request = RequestBodies.parse(body, RenewalRequests.Start.class);
            String token = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
            return Response.ok(RenewalStart.start(session, realm, ca, caller, token, request)).build();
        } catch (SignRefusal refusal) {
            return refused(event, refusal);
        }
    }

    @POST
    @Path("finish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response finish(String body) {
        EventBuilder event = CertificateEvents.signing(session, realm).detail("renewal", "finish");
        try {
            SshCaComponent ca = signer();
            CertificateRequester.Caller caller = caller(event);
            RenewalRequests.Finish request = RequestBodies.parse(body, RenewalRequests.Finish.class);
            RenewalFinish.Result result = RenewalFinish.finish(session, realm, ca, caller, request, waits);
            if (result.pending() != null) {
                return Response.status(202).entity(result.pending()).build();
            }
            event.detail("renewal_factor", result.factor());
            CertificateEvents.issued(event, result.issued().record());
            return Response.ok(result.body()).build();
        } catch (SignRefusal refusal) {
            return refused(event, refusal);
        }
    }

    private SshCaComponent signer() throws SignRefusal {
        return RealmSshCa.signer(realm).orElseThrow(() -> new SignRefusal(503, "no_ca", "Realm " + realm.getName()
                + " has no active SSH user CA."));
    }

    private CertificateRequester.Caller caller(EventBuilder event) throws SignRefusal {
        CertificateRequester.Caller caller = CertificateRequester.authenticate(session, realm);
        CertificateEvents.caller(event, caller);
        session.getContext().setClient(caller.client()); // the phone's question names the client
        return caller;
    }

    private static Response refused(EventBuilder event, SignRefusal refusal) {
        event.detail(Details.REASON, refusal.getMessage()).error(EventErrors.Capability.SSH_CERT.error(refusal.error()));
        return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
    }
}
