package org.hpcmfa.keycloak.push.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.challenge.PhoneAnswers;
import org.hpcmfa.keycloak.push.challenge.PushEvents;
import org.hpcmfa.keycloak.push.challenge.PushOutcome;
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
        Optional<Challenges.Open> open = challenges.openFor(serial, form.getFirst("nonce"), now);
        if (open.isEmpty()) {
            return PushEnvelope.ok(false, null);
        }
        PhoneAnswers.Answer answer = new PhoneAnswers.Answer("1".equals(form.getFirst("decline")),
                form.getFirst("decline_reason"), form.getFirst("presence_answer"));
        String signString = SignStrings.answer(open.get().nonce(), serial, answer.decline(), answer.declineReason(),
                answer.presenceAnswer());
        if (!PushCrypto.verify(PushCrypto.parseSpki(found.get().device().phonePublicKey()), signString,
                form.getFirst("signature"))) {
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN_ERROR)
                    .user(found.get().user()).detail(Details.CREDENTIAL_TYPE, CredentialTypes.PUSH)
                    .detail("serial", serial).error(PushEvents.ERROR_INVALID_SIGNATURE);
            return PushEnvelope.ok(false, null);
        }
        Optional<PhoneAnswers.Recorded> recorded = new PhoneAnswers(challenges).record(open.get(), answer, now);
        if (recorded.isEmpty()) {
            return PushEnvelope.ok(false, null);
        }
        if (recorded.get().outcome() == PushOutcome.CODE_SHOWN) {
            return codeShown(open.get(), recorded.get().displayCode());
        }
        // privacyIDEA answers true for every answer it recorded, false for a wrong presence choice.
        return PushEnvelope.ok(recorded.get().outcome() != PushOutcome.WRONG_NUMBER, null);
    }

    /**
     * Code-to-phone (privacyIDEA 3.13, app 4.7): the code goes to the phone alone, in {@code detail.display_code};
     * the app shows it with {@code detail.message}.
     */
    private static Response codeShown(Challenges.Open open, String code) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("display_code", code);
        detail.put("message", open.codeMessage() == null ? "" : open.codeMessage());
        return PushEnvelope.ok(true, detail);
    }
}
