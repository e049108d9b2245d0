package org.hpcmfa.keycloak.sshcert.renew;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.common.terminal.TerminalTexts;
import org.hpcmfa.keycloak.sshcert.binding.KeyBindingCheck;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.issue.CertificateIssuer;
import org.hpcmfa.keycloak.sshcert.issue.IssuedCertificateJson;
import org.hpcmfa.keycloak.sshcert.issue.KeyChecks;
import org.hpcmfa.keycloak.sshcert.issue.MfaEvidence;
import org.hpcmfa.keycloak.sshcert.issue.SignRequest;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Ends a renewal: the handle must belong to the caller's Keycloak session; the answer is judged
 * ({@link RenewalAnswers}); an accepted one gets a certificate from the same issuer, limits and record as
 * {@code sign}, never longer than the realm's default lifetime, so renewed certificates stay short.
 */
public final class RenewalFinish {

    /** Either {@code pending} (the answer for "not yet") or the issued certificate and the factor that confirmed it. */
    public record Result(Map<String, Object> pending, CertificateIssuer.Issued issued, String factor,
            Map<String, Object> body) {
    }

    private RenewalFinish() {
    }

    public static Result finish(KeycloakSession session, RealmModel realm, SshCaComponent ca,
            CertificateRequester.Caller caller, RenewalRequests.Finish request, LongPoll waits) throws SignRefusal {
        if (caller.userSession() == null) {
            throw SignRefusal.forbidden("renewal_needs_session", "Only a person's Keycloak session can renew a certificate.");
        }
        RenewalHandles handles = new RenewalHandles(session.singleUseObjects(), realm.getId());
        Map<String, String> notes = handles.read(request.handle, caller.userSession().getId());
        if (notes == null) {
            throw SignRefusal.badRequest("invalid_handle", "The renewal is unknown, was answered already, expired, "
                    + "or belongs to another session: run hpc-ssh-cert again.");
        }
        int wait = LongPoll.seconds(request.waitSeconds);
        RenewalAnswers.Outcome outcome = RenewalAnswers.judge(session, realm, caller, handles, request.handle,
                new HashMap<>(notes), request.answer, wait, waits);
        if (outcome.acceptedBy() == null) {
            Map<String, Object> pending = new LinkedHashMap<>();
            pending.put("status", "pending");
            pending.put("message", new TerminalTexts(session, realm, caller.user(), request.locale)
                    .text(outcome.pending().messageKey(), outcome.pending().messageParameters()));
            return new Result(pending, null, null, null);
        }
        SignRequest sign = new SignRequest();
        sign.publicKey = notes.get(RenewalHandles.NOTE_PUBLIC_KEY);
        int shortest = ca.policy().defaultTtlSeconds();
        String asked = notes.get(RenewalHandles.NOTE_TTL);
        sign.ttl = asked == null ? null : Integer.valueOf(asked);
        KeyChecks.requireRegisteredIfOnly(session, realm, ca, caller, sign);
        KeyBindingCheck.enforce(ca, caller, sign); // the key and lifetime approved at the full login still hold
        sign.ttl = Math.min(sign.ttl == null ? shortest : sign.ttl, shortest);
        CertificateIssuer.Issued issued = CertificateIssuer.issue(session, realm, ca, caller, sign,
                MfaEvidence.ofRenewal(outcome.acceptedBy(), org.keycloak.common.util.Time.currentTime()));
        Map<String, Object> body = new LinkedHashMap<>(IssuedCertificateJson.of(issued));
        body.put("renewed_by", outcome.acceptedBy());
        body.put("mfa_window_ends", SessionMarks.mfaTime(caller.userSession())
                + RenewalSettings.from(ca.config()).windowSeconds());
        return new Result(null, issued, outcome.acceptedBy(), body);
    }
}
