package org.hpcmfa.keycloak.sshcert.renew;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalTexts;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * The first half of a renewal: every rule that does not need the person's answer, checked before anything is
 * sent to a phone, so a copied token cannot even make the phone ring: a person's live Keycloak session, from a
 * client allowed to get certificates; a fresh signature of the key ({@link RenewalProof}); a key certified in that
 * session; the session's last full two-factor login within the realm's window. Then the factors start (push sent)
 * and the renewal waits under a handle.
 */
public final class RenewalStart {

    /** How long a started renewal waits for its answer: a push request's lifetime. */
    static final int HANDLE_SECONDS = 120;

    private RenewalStart() {
    }

    public static Map<String, Object> start(KeycloakSession session, RealmModel realm, SshCaComponent ca,
            CertificateRequester.Caller caller, String accessToken, RenewalRequests.Start request) throws SignRefusal {
        RenewalSettings settings = RenewalSettings.from(ca.config());
        if (!settings.enabled()) {
            throw SignRefusal.forbidden("renewal_disabled", "Realm " + realm.getName() + " does not renew "
                    + "certificates without a browser (renewal window " + settings.windowSeconds() + " s): log in again.");
        }
        UserSessionModel userSession = caller.userSession();
        if (caller.serviceAccount() || userSession == null) {
            throw SignRefusal.forbidden("renewal_needs_session", "Only a person's Keycloak session can renew a "
                    + "certificate; automation gets a new one with its own credentials.");
        }
        if (!CertificateRequester.allowed(ca.policy(), caller.token())) {
            throw SignRefusal.forbidden("client_not_allowed", "Client '" + caller.token().getIssuedFor()
                    + "' may not exchange tokens for SSH certificates in this realm.");
        }
        SshPublicKey key = parse(request.publicKey);
        RenewalProof.verify(session, realm, accessToken, key, request);
        if (!SessionMarks.certifiedKey(userSession, key.fingerprint())) {
            throw SignRefusal.forbidden("key_not_certified_in_session", "This Keycloak session never got a "
                    + "certificate for key " + key.fingerprint() + ": a full login is required.");
        }
        long age = Time.currentTime() - SessionMarks.mfaTime(userSession);
        if (SessionMarks.mfaTime(userSession) == 0 || age > settings.windowSeconds()) {
            throw SignRefusal.forbidden("mfa_too_old", "The last full two-factor login of this session is older "
                    + "than " + settings.windowSeconds() + " s, the renewal window of realm " + realm.getName()
                    + ": a full login is required.");
        }
        RenewalAnswers.refuseIfLockedOut(session, realm, caller.user());

        Map<String, String> notes = new HashMap<>();
        List<RenewalFactors.Offered> usable = new ArrayList<>();
        for (RenewalFactors.Offered offered : RenewalFactors.offered(session, realm, settings)) {
            if (offered.factor().usableBy(login(session, realm, caller, offered, notes))) {
                usable.add(offered);
            }
        }
        if (usable.isEmpty()) {
            throw SignRefusal.forbidden("no_renewal_factor", "You have none of the factors that confirm a renewal "
                    + "here (" + String.join(", ", settings.factors()) + "): a full login is required.");
        }
        TerminalTexts texts = new TerminalTexts(session, realm, caller.user(), request.locale);
        List<Map<String, Object>> hints = new ArrayList<>();
        boolean typed = false;
        boolean push = false;
        for (RenewalFactors.Offered offered : usable) {
            TerminalLogin login = login(session, realm, caller, offered, notes);
            offered.factor().start(login).ifPresent(hint -> hints.add(hint(texts, hint)));
            boolean byTyping = offered.factor().answeredByTyping(login);
            typed |= byTyping;
            push |= !byTyping;
        }
        notes.put(RenewalHandles.NOTE_SESSION, userSession.getId());
        notes.put(RenewalHandles.NOTE_KEY, key.fingerprint());
        notes.put(RenewalHandles.NOTE_PUBLIC_KEY, request.publicKey.trim());
        notes.put(RenewalHandles.NOTE_FACTORS, String.join(",", usable.stream().map(o -> o.factor().authenticatorId()).toList()));
        if (request.ttl != null) {
            notes.put(RenewalHandles.NOTE_TTL, String.valueOf(request.ttl));
        }
        String handle = new RenewalHandles(session.singleUseObjects(), realm.getId()).create(notes, HANDLE_SECONDS);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("handle", handle);
        answer.put("expires_in", HANDLE_SECONDS);
        answer.put("factors", usable.stream().map(o -> o.factor().authenticatorId()).toList());
        answer.put("typed", typed);
        answer.put("push", push);
        answer.put("hints", hints);
        answer.put("mfa_window_ends", SessionMarks.mfaTime(userSession) + settings.windowSeconds());
        return answer;
    }

    static TerminalLogin login(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
            RenewalFactors.Offered offered, Map<String, String> notes) {
        String remote = session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
        return new TerminalLogin(session, realm, caller.user(), remote, offered.config(), notes);
    }

    private static Map<String, Object> hint(TerminalTexts texts, TerminalHint hint) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("key", hint.messageKey());
        shown.put("parameters", hint.parameters());
        shown.put("text", texts.text(hint));
        return shown;
    }

    static SshPublicKey parse(String publicKey) throws SignRefusal {
        try {
            return SshPublicKey.parse(publicKey);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw SignRefusal.badRequest("invalid_public_key", "public_key must be one OpenSSH public key line.");
        }
    }
}
