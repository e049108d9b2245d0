package org.hpcmfa.keycloak.push.api;

import java.util.Optional;

import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.protocol.PushSerials;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** From a serial to the enabled user and the device it names; empty for anything else. */
record DeviceLookup(UserModel user, PushDeviceCredentialModel device) {

    static Optional<DeviceLookup> find(KeycloakSession session, RealmModel realm, String serial) {
        Optional<String> userId = PushSerials.userId(serial);
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, userId.get());
        if (user == null || !user.isEnabled()) {
            return Optional.empty();
        }
        PushCredentialProvider provider = (PushCredentialProvider) session.getProvider(CredentialProvider.class,
                PushDeviceCredentialModel.TYPE);
        return provider.device(user, serial).map(device -> new DeviceLookup(user, device));
    }
}
