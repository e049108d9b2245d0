package org.hpcmfa.keycloak.push.api;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.SecretHash;
import org.hpcmfa.keycloak.push.challenge.ApprovalMode;
import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.hpcmfa.keycloak.push.protocol.SignStrings;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The phone's signed answer (spec section 6): accepted only for that device's open, unexpired challenge, with a
 * valid signature over the stored nonce, once. Anything else answers {@code value=false} and changes nothing.
 */
final class AnswerHandler {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AnswerHandler() {
    }

    static Response handle(KeycloakSession session, RealmModel realm, MultivaluedMap<String, String> form) {
        String serial = form.getFirst("serial");
        Optional<DeviceLookup> found = DeviceLookup.find(session, realm, serial);
        if (found.isEmpty()) {
            return PushEnvelope.error(404, 404, "ERR404: The token does not exist.");
        }
        Challenges challenges = new Challenges(session.singleUseObjects(), realm.getId());
        long now = Time.currentTime();
        Optional<Challenges.Open> open = challenges.current(serial, now);
        String nonce = form.getFirst("nonce");
        if (open.isEmpty() || (nonce != null && !nonce.equals(open.get().nonce()))) {
            return PushEnvelope.ok(false, null);
        }
        boolean decline = "1".equals(form.getFirst("decline"));
        String reason = form.getFirst("decline_reason");
        String presence = form.getFirst("presence_answer");
        String signString = SignStrings.answer(open.get().nonce(), serial, decline, reason, presence);
        if (!PushCrypto.verify(PushCrypto.parseSpki(found.get().device().phonePublicKey()), signString,
                form.getFirst("signature"))) {
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN_ERROR)
                    .user(found.get().user()).detail(Details.CREDENTIAL_TYPE, "hpc-push").detail("serial", serial)
                    .error("push_invalid_signature");
            return PushEnvelope.ok(false, null);
        }
        int ttl = (int) Math.max(60, open.get().expiresAt() - now + 300);
        if (!decline && open.get().mode() == ApprovalMode.CODE_TO_PHONE) {
            return showCode(challenges, open.get(), now, ttl);
        }
        String outcome;
        if (decline) {
            outcome = "cancelled".equals(reason) ? Challenges.CANCELLED : Challenges.DECLINED;
        } else if (open.get().correctAnswer() != null && !open.get().correctAnswer().equals(presence)) {
            outcome = Challenges.WRONG_NUMBER;
        } else {
            outcome = Challenges.APPROVED;
        }
        if (!challenges.answer(open.get().nonce(), outcome, ttl)) {
            return PushEnvelope.ok(false, null);
        }
        // privacyIDEA answers true for every answer it recorded, false for a wrong presence choice.
        return PushEnvelope.ok(!Challenges.WRONG_NUMBER.equals(outcome), null);
    }

    /**
     * Code-to-phone (privacyIDEA 3.13, app 4.7): the accepted challenge gets a 2-digit code, which only the phone
     * learns, in {@code detail.display_code}; the app shows it with {@code detail.message}. Only its hash is kept.
     * The login completes when the person types it; a replayed accept gets {@code value=false} and no code.
     */
    private static Response showCode(Challenges challenges, Challenges.Open open, long now, int ttl) {
        String code = String.format("%02d", RANDOM.nextInt(100));
        Challenges.Outcome shown = new Challenges.Outcome(Challenges.CODE_SHOWN, SecretHash.hash(code),
                now + Challenges.CODE_VALID_SECONDS);
        if (!challenges.answer(open.nonce(), shown, Math.max(ttl, Challenges.CODE_VALID_SECONDS + 60))) {
            return PushEnvelope.ok(false, null);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("display_code", code);
        detail.put("message", open.codeMessage() == null ? "" : open.codeMessage());
        return PushEnvelope.ok(true, detail);
    }
}
