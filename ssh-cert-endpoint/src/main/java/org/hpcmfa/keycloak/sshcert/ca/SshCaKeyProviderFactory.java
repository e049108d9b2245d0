package org.hpcmfa.keycloak.sshcert.ca;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.common.console.ConsoleForm;
import org.hpcmfa.keycloak.sshcert.binding.KeyBindingSettings;
import org.hpcmfa.keycloak.sshcert.openssh.CaAlgorithm;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.SelfEditableAttribute;
import org.hpcmfa.keycloak.sshcert.policy.ServiceAccountPolicy;
import org.hpcmfa.keycloak.sshcert.policy.SshCertPolicy;
import org.hpcmfa.keycloak.sshcert.renew.RenewalSettings;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ConfigurationValidationHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * "SSH user CA" in Realm settings, Keys, Add provider: generates the realm's SSH CA key inside Keycloak, rotates it
 * on request (the old public key stays published until every certificate it signed has expired), and holds the
 * certificate policy. Its keys show in the realm's key list with type "OpenSSH"; they are never used for tokens
 * and never published in the realm's JWKS.
 */
public class SshCaKeyProviderFactory implements KeyProviderFactory<KeyProvider> {

    public static final String ID = "hpc-ssh-user-ca";
    /**
     * The SSH terminal prompt's settings, on this form before they moved to Realm settings, "SSH terminal prompt"
     * (module ssh-terminal-prompt). Still declared, not shown, so saving the CA keeps them for realms whose
     * prompt reads them as a fallback (deprecated).
     */
    static final List<String> RETIRED_TERMINAL_KEYS = List.of("terminal-gateway-role", "terminal-flow",
            "terminal-handle-seconds", "terminal-totp-clock-skew-hint", "terminal-totp-clock-skew-max-seconds");
    static final String KEY_TYPE = "OpenSSH";

    @Override
    public KeyProvider create(KeycloakSession session, ComponentModel model) {
        SshCaComponent ca = new SshCaComponent(model);
        return () -> {
            List<KeyWrapper> keys = new ArrayList<>();
            if (model.get(SshCaComponent.PUBLIC_KEY) != null) {
                keys.add(wrapper(model, ca.publishedKey(), KeyStatus.from(ca.active(), ca.enabled())));
            }
            long now = Time.currentTime();
            ca.retiredKeys().stream().filter(r -> r.retireAfter() > now)
                    .forEach(r -> keys.add(wrapper(model, r.key(), KeyStatus.from(false, ca.enabled()))));
            return keys.stream();
        };
    }

    private static KeyWrapper wrapper(ComponentModel model, SshCaKey key, KeyStatus status) {
        KeyWrapper wrapper = new KeyWrapper();
        wrapper.setProviderId(model.getId());
        wrapper.setProviderPriority(model.get(Attributes.PRIORITY_KEY, 0L));
        wrapper.setKid(key.fingerprint());
        wrapper.setUse(KeyUse.SIG);
        wrapper.setType(KEY_TYPE);
        wrapper.setAlgorithm(key.algorithm().sshType());
        wrapper.setStatus(status);
        wrapper.setPublicKey(key.publicKey());
        return wrapper;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ConfigurationValidationHelper.check(model)
                .checkLong(Attributes.PRIORITY_PROPERTY, false)
                .checkBoolean(Attributes.ENABLED_PROPERTY, false)
                .checkBoolean(Attributes.ACTIVE_PROPERTY, false);
        String algorithm = model.get(SshCaComponent.ALGORITHM);
        if (algorithm != null) {
            try {
                CaAlgorithm.fromConfig(algorithm);
            } catch (IllegalArgumentException e) {
                throw new ComponentValidationException(e.getMessage());
            }
        }
        SshCertPolicy policy = SshCertPolicy.from(model.getConfig());
        if (policy.defaultTtlSeconds() > policy.maxTtlSeconds()) {
            throw new ComponentValidationException("The default certificate validity is above the maximum.");
        }
        List<String> unknown = policy.extensions().stream().filter(e -> !SshCertPolicy.KNOWN_EXTENSIONS.contains(e)).toList();
        if (!unknown.isEmpty()) {
            throw new ComponentValidationException("Unknown extensions " + unknown + "; known: " + SshCertPolicy.KNOWN_EXTENSIONS);
        }
        refuseSelfEditablePrincipals(session, realm, policy);
        long now = Time.currentTime();
        SshCaComponent.forgetExpiredRetiredKeys(model, now);
        SshCaComponent.ensureKey(model, now);
    }

    /**
     * Saving a principals attribute that users can edit themselves is refused at once; the same check at every
     * sign request catches a user profile changed later. Judged only when the session's realm is the CA's.
     */
    private static void refuseSelfEditablePrincipals(KeycloakSession session, RealmModel realm, SshCertPolicy policy)
            throws ComponentValidationException {
        RealmModel current = session.getContext().getRealm();
        if (current == null || !current.getId().equals(realm.getId())) {
            return;
        }
        // The service accounts' attribute matters only where service accounts may get certificates.
        String accounts = policy.serviceAccounts().clients().isEmpty() ? null : policy.serviceAccounts().principalsAttribute();
        for (String attribute : new String[] {policy.principalsAttribute(), accounts}) {
            if (attribute != null && SelfEditableAttribute.editableByUser(session, attribute)) {
                throw new ComponentValidationException("The principals attribute '" + attribute + "' can be edited "
                        + "by users themselves (Realm settings, User profile): anyone could add root to their own "
                        + "certificate. Make it editable by admins only first.");
            }
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property(Attributes.PRIORITY_PROPERTY)
                .property(Attributes.ENABLED_PROPERTY)
                .property(Attributes.ACTIVE_PROPERTY)
                .property().name(SshCaComponent.ALGORITHM).label("Key algorithm")
                .helpText("The CA key type. Changing it generates a new key (a rotation).")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Stream.of(CaAlgorithm.values()).map(CaAlgorithm::configValue).toArray(String[]::new))
                .defaultValue(CaAlgorithm.ED25519.configValue()).add()
                .property().name(SshCaComponent.ROTATE).label("Rotate the key when saving")
                .helpText("Generates a new CA key on save. The old public key stays in ca.pub until every "
                        + "certificate it signed has expired, so servers can trust both during the change.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build());
        properties.addAll(SshCertPolicy.properties());
        properties.addAll(ServiceAccountPolicy.properties());
        properties.addAll(RegisteredKeyPolicy.properties());
        properties.addAll(KeyBindingSettings.properties());
        properties.addAll(RenewalSettings.properties());
        RETIRED_TERMINAL_KEYS.forEach(key -> properties.add(ConsoleForm.retired(key)));
        return properties;
    }

    @Override
    public String getHelpText() {
        return "The realm's SSH user certificate authority: signs short-lived OpenSSH certificates for MFA-verified "
                + "logins at /realms/{realm}/ssh-ca/sign.";
    }

    @Override
    public String getId() {
        return ID;
    }
}
