package org.hpcmfa.keycloak.sshcert.binding;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceAuthorizationRequestContext;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Runs on every device authorization request of the clients its client policy covers: checks the key fingerprint
 * and ttl the CLI sent (a malformed value is a 400 {@code invalid_request} that says what is wrong, before any
 * browser is involved), refuses a request without a fingerprint when the realm's CA requires key binding for that
 * client, and records the requester's address for the review page ({@link RequestOrigins}).
 */
public class DeviceRequestRecorder implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    public DeviceRequestRecorder(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return DeviceRequestRecorderFactory.ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.DEVICE_AUTHORIZATION_REQUEST
                || !(context instanceof DeviceAuthorizationRequestContext device)) {
            return;
        }
        Map<String, String> params = device.getRequest().getAdditionalReqParams();
        // Only the pack writes the reference: whatever a client sent under that name is dropped.
        params.remove(DeviceRequestParams.REQUEST_REF);
        String fingerprint = device.getRequestParameters().getFirst(DeviceRequestParams.FINGERPRINT);
        if (fingerprint != null && !KeyFingerprint.valid(fingerprint)) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, KeyFingerprint.problem(fingerprint));
        }
        String ttl = device.getRequestParameters().getFirst(DeviceRequestParams.TTL);
        Integer seconds = DeviceRequestParams.ttl(ttl);
        if (seconds != null && seconds < 0) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST,
                    DeviceRequestParams.TTL + " must be a positive number of seconds.");
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
        if (fingerprint == null && client != null && ca.isPresent() && KeyReviews.certificateClient(ca.get(), client)
                && KeyBindingSettings.from(ca.get().config()).requireKeyBinding()) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "This realm binds SSH certificates "
                    + "to the key shown at login: send " + DeviceRequestParams.FINGERPRINT + " (the fingerprint of "
                    + "the public key, SHA256:...) with the device authorization request; hpc-ssh-cert does.");
        }
        // Keycloak's parser keeps at most a few additional parameters: make sure the checked values are among them.
        if (fingerprint != null) {
            params.put(DeviceRequestParams.FINGERPRINT, fingerprint);
        }
        if (seconds != null) {
            params.put(DeviceRequestParams.TTL, String.valueOf(seconds));
        } else {
            params.remove(DeviceRequestParams.TTL);
        }
        String address = session.getContext().getConnection().getRemoteAddr();
        int lifespan = client == null ? 600 : realm.getOAuth2DeviceConfig().getLifespan(client);
        params.put(DeviceRequestParams.REQUEST_REF, RequestOrigins.record(session, address, lifespan));
    }
}
