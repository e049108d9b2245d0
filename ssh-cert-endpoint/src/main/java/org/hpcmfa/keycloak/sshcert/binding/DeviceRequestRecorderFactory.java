package org.hpcmfa.keycloak.sshcert.binding;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * The client-policy executor "hpc-ssh-device-request": put it in a client profile and a client policy that covers
 * the SSH device-login clients (Realm settings, Client policies), so their device requests are checked and their
 * origin is recorded for the key review page.
 */
public class DeviceRequestRecorderFactory implements ClientPolicyExecutorProviderFactory {

    public static final String ID = "hpc-ssh-device-request";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new DeviceRequestRecorder(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "SSH key binding: checks the key fingerprint (ssh_key_fingerprint) and ttl (ssh_cert_ttl) of device "
                + "authorization requests, refuses requests without a fingerprint when the realm's SSH CA requires "
                + "key binding, and records the requesting address for the 'SSH key review' page.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
