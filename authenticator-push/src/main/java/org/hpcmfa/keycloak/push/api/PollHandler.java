package org.hpcmfa.keycloak.push.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.push.challenge.ChallengeIssuer;
import org.hpcmfa.keycloak.push.challenge.Challenges;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.key.PushSigningKeys;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.hpcmfa.keycloak.push.protocol.SignStrings;
import org.hpcmfa.keycloak.push.protocol.Timestamps;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * The phone asks for its open challenge (spec section 7). The cheap checks come first (parameters, timestamp
 * window, serial format, per-device rate), the one RSA verification last, and the answer is the payload signed
 * when the challenge was created: polls never cost a signature.
 */
final class PollHandler {

    /** Realm attribute (not a console setting): sign the payload again on every poll, as privacyIDEA does. */
    static final String SIGN_EVERY_POLL = "hpc-push.sign-every-poll";

    private PollHandler() {
    }

    @SuppressWarnings("unchecked")
    static Response handle(KeycloakSession session, RealmModel realm, MultivaluedMap<String, String> query) {
        String serial = query.getFirst("serial");
        String timestamp = query.getFirst("timestamp");
        String signature = query.getFirst("signature");
        if (serial == null || timestamp == null || signature == null || signature.length() > 2000
                || !Timestamps.withinWindow(timestamp, Time.currentTimeMillis(), Timestamps.POLL_WINDOW_SECONDS)) {
            return PushEnvelope.unverifiable();
        }
        RollingWindowLimit limit = new RollingWindowLimit(session.singleUseObjects(),
                "hpc-push:polls:" + realm.getId() + ":" + serial, PushSettings.of(realm).maxPollsPerMinute(), 60);
        if (limit.tryAcquire() < 0) {
            return PushEnvelope.error(429, 429, "ERR429: Too many requests, poll less often.");
        }
        Optional<DeviceLookup> found = DeviceLookup.find(session, realm, serial);
        if (found.isEmpty() || !PushCrypto.verify(PushCrypto.parseSpki(found.get().device().phonePublicKey()),
                SignStrings.poll(serial, timestamp), signature)) {
            return PushEnvelope.unverifiable();
        }
        Optional<Challenges.Open> open = new Challenges(session.singleUseObjects(), realm.getId())
                .current(serial, Time.currentTime());
        if (open.isEmpty()) {
            return PushEnvelope.ok(List.of(), null);
        }
        Map<String, Object> payload;
        try {
            payload = JsonSerialization.readValue(open.get().payloadJson(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored push payload unreadable", e);
        }
        if (Boolean.parseBoolean(realm.getAttribute(SIGN_EVERY_POLL))) {
            // privacyIDEA's way, kept only so bench/push-latency-and-poll.sh can compare both side by side.
            PushSigningKeys.byId(realm, found.get().device().serverKeyId())
                    .ifPresent(key -> ChallengeIssuer.sign(payload, key));
        }
        return PushEnvelope.ok(List.of(payload), null);
    }
}
