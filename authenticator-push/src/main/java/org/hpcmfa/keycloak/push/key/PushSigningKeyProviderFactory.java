package org.hpcmfa.keycloak.push.key;

import java.util.List;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * "privacyIDEA push signing key" in Realm settings, Keys: the RSA-4096 key that signs push challenges, created
 * automatically on the realm's first push enrolment. Its keys have their own key type, so they are never used
 * for tokens and never published in the realm's JWKS.
 */
public class PushSigningKeyProviderFactory implements KeyProviderFactory<KeyProvider> {

    public static final String ID = "hpc-push-signing-key";
    static final String KEY_TYPE = "privacyIDEA-push";

    @Override
    public KeyProvider create(KeycloakSession session, ComponentModel model) {
        return () -> {
            List<PushSigningKeys.SigningKey> keys = PushSigningKeys.all(model);
            String currentId = PushSigningKeys.current(model).id();
            return keys.stream().map(k -> {
                KeyWrapper wrapper = new KeyWrapper();
                wrapper.setProviderId(model.getId());
                wrapper.setProviderPriority(0);
                wrapper.setKid(k.id());
                wrapper.setUse(KeyUse.SIG);
                wrapper.setType(KEY_TYPE);
                wrapper.setAlgorithm("PIPUSH-SHA256withRSA");
                // Only the newest key signs challenges for new enrolments; older ones serve the phones that know them.
                wrapper.setStatus(k.id().equals(currentId) ? KeyStatus.ACTIVE : KeyStatus.PASSIVE);
                wrapper.setPublicKey(k.publicKey());
                return wrapper;
            });
        };
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        String fcm = model.get(PushSettings.FCM_SERVICE_ACCOUNT, "");
        if (!fcm.isBlank()) {
            try {
                org.hpcmfa.keycloak.push.fcm.FcmServiceAccount.parse(fcm);
            } catch (IllegalArgumentException e) {
                throw new ComponentValidationException(e.getMessage());
            }
        }
        if (!model.contains(PushSigningKeys.KEYS) || model.get(PushSigningKeys.ROTATE, false)) {
            PushSigningKeys.addKey(model);
            model.put(PushSigningKeys.ROTATE, "false");
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new java.util.ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(PushSigningKeys.ROTATE).label("Rotate the key when saving")
                .helpText("Adds a new signing key for phones enrolled from now on. Phones enrolled earlier keep "
                        + "receiving challenges signed with the key they know, until they are enrolled again.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build());
        properties.addAll(PushSettings.properties());
        return properties;
    }

    @Override
    public String getHelpText() {
        return "Signs push login requests for the privacyIDEA Authenticator app (created on the first enrolment) "
                + "and holds the realm's push settings: polling rate, public URL for phones, optional FCM.";
    }

    @Override
    public String getId() {
        return ID;
    }
}
