package org.hpcmfa.keycloak.push.api;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.hpcmfa.keycloak.push.protocol.SignStrings;
import org.hpcmfa.keycloak.push.protocol.Timestamps;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The phone's new Firebase registration token (spec section 8), signed, within five minutes of its timestamp. */
final class FirebaseTokenUpdateHandler {

    private FirebaseTokenUpdateHandler() {
    }

    static Response handle(KeycloakSession session, RealmModel realm, MultivaluedMap<String, String> form) {
        String serial = form.getFirst("serial");
        String token = form.getFirst("new_fb_token");
        String timestamp = form.getFirst("timestamp");
        if (!Timestamps.withinWindow(timestamp, Time.currentTimeMillis(), Timestamps.FIREBASE_UPDATE_WINDOW_SECONDS)
                || token.length() > 4096) {
            return PushEnvelope.unverifiable();
        }
        Optional<DeviceLookup> found = DeviceLookup.find(session, realm, serial);
        if (found.isEmpty() || !PushCrypto.verify(PushCrypto.parseSpki(found.get().device().phonePublicKey()),
                SignStrings.firebaseTokenUpdate(token, serial, timestamp), form.getFirst("signature"))) {
            return PushEnvelope.unverifiable();
        }
        found.get().user().credentialManager().updateStoredCredential(found.get().device().withFirebaseToken(token));
        return PushEnvelope.ok(true, null);
    }
}
