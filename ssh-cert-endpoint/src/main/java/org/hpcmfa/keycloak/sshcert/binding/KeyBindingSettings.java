package org.hpcmfa.keycloak.sshcert.binding;

import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Key binding, on the realm's SSH CA (Realm settings, Keys, Providers): whether a device login of a client allowed
 * to get certificates must name the key (the CLI sends its fingerprint) that the person then approves on the
 * review page. On by default: without it, a person who approves a device login cannot know which key gets a
 * certificate.
 */
public record KeyBindingSettings(boolean requireKeyBinding) {

    public static final String REQUIRE_KEY_BINDING = "require-key-binding";

    public static KeyBindingSettings from(MultivaluedHashMap<String, String> config) {
        return new KeyBindingSettings(config == null || ConfigValues.bool(config.getFirst(REQUIRE_KEY_BINDING), true));
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(REQUIRE_KEY_BINDING).label("Require key binding for device logins")
                .helpText("A device login (hpc-ssh-cert, OAuth device grant) of a client allowed to get certificates "
                        + "must name the SSH key to be certified (parameter ssh_key_fingerprint); the person sees "
                        + "that fingerprint on the review page ('SSH key review' step at the end of the flow) and "
                        + "the token can then only sign that key. Off: device logins without a key are accepted "
                        + "and their tokens can sign any key; a named key is still enforced.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
