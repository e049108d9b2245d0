package org.hpcmfa.keycloak.push.api;

import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.enrol.PendingEnrolments;
import org.hpcmfa.keycloak.push.key.PushSigningKeys;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Step 2 of the enrolment (spec section 4): the phone sends the one-time enrollment credential, its public key and
 * its Firebase token (or the poll-only marker); it gets the realm's push public key back. A bad public key is
 * refused before the enrolment is taken, so it can be retried.
 */
final class RolloutHandler {

    private RolloutHandler() {
    }

    static Response handle(KeycloakSession session, RealmModel realm, MultivaluedMap<String, String> form) {
        String serial = form.getFirst("serial");
        PendingEnrolments pending = new PendingEnrolments(session.singleUseObjects(), realm.getId());
        if (pending.peek(serial).isEmpty()) {
            return PushEnvelope.error(404, 404, "ERR404: No token with this serial number in the rollout state 'clientwait'.");
        }
        RSAPublicKey phoneKey = PushCrypto.parsePhoneKey(form.getFirst("pubkey"));
        if (phoneKey == null) {
            return PushEnvelope.error(400, 905, "ERR905: Invalid public key.");
        }
        Optional<PendingEnrolments.Pending> claimed = pending.claim(serial, form.getFirst("enrollment_credential"));
        if (claimed.isEmpty()) {
            return PushEnvelope.error(400, 905, "ERR905: Invalid enrollment credential.");
        }
        UserModel user = session.users().getUserById(realm, claimed.get().userId());
        if (user == null) {
            return PushEnvelope.error(404, 404, "ERR404: No token with this serial number in the rollout state 'clientwait'.");
        }
        PushSigningKeys.SigningKey serverKey = PushSigningKeys.current(realm);
        PushDeviceCredentialModel device = PushDeviceCredentialModel.create(serial,
                Base64.getEncoder().encodeToString(phoneKey.getEncoded()), serverKey.id(), form.getFirst("fbtoken"),
                claimed.get().label(), Time.currentTimeMillis());
        ((PushCredentialProvider) session.getProvider(CredentialProvider.class, PushDeviceCredentialModel.TYPE))
                .createCredential(realm, user, device);
        pending.markEnrolled(claimed.get().watch());
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE)
                .detail("serial", serial).detail("poll_only", String.valueOf(device.pollOnly()))
                .success();

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("public_key", PushCrypto.toPkcs1Base64(serverKey.publicKey()));
        detail.put("rollout_state", "enrolled");
        detail.put("serial", serial);
        return PushEnvelope.ok(true, detail);
    }
}
