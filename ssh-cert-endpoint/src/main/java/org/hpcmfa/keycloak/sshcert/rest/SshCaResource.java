package org.hpcmfa.keycloak.sshcert.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.sshcert.binding.KeyBindingCheck;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.issue.CertificateEvents;
import org.hpcmfa.keycloak.sshcert.issue.CertificateIssuer;
import org.hpcmfa.keycloak.sshcert.issue.MfaEvidence;
import org.hpcmfa.keycloak.sshcert.issue.IssuedCertificateJson;
import org.hpcmfa.keycloak.sshcert.issue.KeyChecks;
import org.hpcmfa.keycloak.sshcert.issue.SignRequest;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.keys.SshKeysResource;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyProof;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.self.MyCertificatesPage;
import org.hpcmfa.keycloak.sshcert.renew.SessionMarks;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/ssh-ca/}: {@code ca.pub} (the lines for sshd's TrustedUserCAKeys), {@code sign} (an
 * MFA-verified access token, or an allowed service account's client-credentials token, and a public key in, a
 * short-lived certificate out), {@code krl} (revoked serials
 * for sshd's RevokedKeys), {@code revoke} (users revoke their own certificates), {@code renew} (a new certificate by
 * one push or TOTP code, {@link RenewalResource}) and {@code keys} (users register
 * SSH keys, {@link SshKeysResource}). Errors are JSON
 * {@code {"error": ..., "error_description": ...}} naming the rule that failed.
 */
public class SshCaResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPoll waits;

    public SshCaResource(KeycloakSession session, LongPoll waits) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waits = waits;
    }

    @GET
    @Path("ca.pub")
    @Produces(MediaType.TEXT_PLAIN)
    public Response caPub() {
        List<SshCaKey> keys = RealmSshCa.published(realm, Time.currentTime());
        if (keys.isEmpty()) {
            return JsonErrors.response(404, "no_ca", "Realm " + realm.getName() + " has no SSH user CA yet: add one in "
                    + "Realm settings, Keys, Add provider, hpc-ssh-user-ca.");
        }
        StringBuilder lines = new StringBuilder();
        for (SshCaKey key : keys) {
            lines.append(key.publicLine(realm.getName() + "-ssh-user-ca")).append('\n');
        }
        return Response.ok(lines.toString(), MediaType.TEXT_PLAIN_TYPE).build();
    }

    @POST
    @Path("sign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sign(String body) {
        EventBuilder event = CertificateEvents.signing(session, realm);
        Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
        if (ca.isEmpty()) {
            event.error(EventErrors.Capability.SSH_CERT.error("no_ca"));
            return JsonErrors.response(503, "no_ca", "Realm " + realm.getName() + " has no active SSH user CA.");
        }
        try {
            CertificateRequester.Caller caller = CertificateRequester.authenticate(session, realm);
            CertificateEvents.caller(event, caller);
            SignRequest request = RequestBodies.parse(body, SignRequest.class);
            RegisteredKeyProof.Outcome keyProof = KeyChecks.proof(session, realm, ca.get(), caller, request);
            CertificateRequester.authorize(session, realm, ca.get().policy(), caller, keyProof);
            KeyChecks.requireRegisteredIfOnly(session, realm, ca.get(), caller, request);
            KeyBindingCheck.enforce(ca.get(), caller, request);
            CertificateIssuer.Issued issued = CertificateIssuer.issue(session, realm, ca.get(), caller, request,
                    caller.serviceAccount() ? null : MfaEvidence.ofLogin(session, realm, caller, keyProof.firstFactor()));
            CertificateEvents.issued(event, issued.record());
            if (!caller.serviceAccount()) {
                // What a later renewal may rely on: this session's full two-factor login, and the key it certified.
                SessionMarks.certified(caller.userSession(), caller.token().getAuth_time(), issued.record().getKeyFingerprint());
            }
            return Response.ok(IssuedCertificateJson.of(issued)).build();
        } catch (SignRefusal refusal) {
            event.detail(Details.REASON, refusal.getMessage()).error(EventErrors.Capability.SSH_CERT.error(refusal.error()));
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }

    /** {@code renew/start} and {@code renew/finish}: a new certificate by one push or TOTP code ({@link RenewalResource}). */
    @Path("renew")
    public RenewalResource renew() {
        return new RenewalResource(session, realm, waits);
    }

    /** {@code keys}: the caller's registered SSH keys (list, add, remove). */
    @Path("keys")
    public SshKeysResource keys() {
        return new SshKeysResource(session, realm);
    }

    @GET
    @Path("krl")
    @Produces("application/octet-stream")
    public Response krl() {
        return KrlAnswer.answer(session, realm, session.getContext().getRequestHeaders(), Time.currentTime());
    }

    /** "Your SSH certificates": the person's page, linked from the Account Console ({@link MyCertificatesPage}). */
    @GET
    @Path("certificates")
    @Produces(MediaType.TEXT_HTML)
    public Response myCertificates() {
        return new MyCertificatesPage(session, realm).show();
    }

    @POST
    @Path("certificates/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response revokeFromPage(MultivaluedMap<String, String> form) {
        return new MyCertificatesPage(session, realm).revoke(form);
    }

    /** A user revokes one of their own certificates, by serial or by the certificate line. */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revokeOwn(String body) {
        EventBuilder event = CertificateEvents.revoking(session, realm);
        try {
            CertificateRequester.Caller caller = CertificateRequester.authenticate(session, realm);
            CertificateEvents.caller(event, caller);
            RevokeRequest request = RequestBodies.parse(body, RevokeRequest.class);
            CertificateRecords records = new CertificateRecords(session, realm.getId());
            List<SshCertificateEntity> mine = records.bySerial(request.serial(session)).stream()
                    .filter(c -> caller.user().getId().equals(c.getUserId())).toList();
            if (mine.isEmpty()) {
                throw SignRefusal.forbidden("not_your_certificate", "No certificate of yours has that serial.");
            }
            List<SshCertificateEntity> revoked = records.revoke(mine, "user:" + caller.user().getId(), Time.currentTime());
            CertificateEvents.revoked(event, revoked);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("revoked", revoked.stream().map(SshCertificateEntity::getSerial).toList());
            return Response.ok(answer).build();
        } catch (SignRefusal refusal) {
            event.error(EventErrors.Capability.SSH_CERT.error(refusal.error()));
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }
}
