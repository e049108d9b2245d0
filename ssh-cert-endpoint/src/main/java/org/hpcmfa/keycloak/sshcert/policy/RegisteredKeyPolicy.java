package org.hpcmfa.keycloak.sshcert.policy;

import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The registered-keys part of the CA's policy: whether only keys a person registered beforehand get certificates,
 * whether such a key's signature counts as the first factor of a login without a password (key + second factor),
 * and how many keys one person may register. Both switches are off by default: nothing changes for a realm until
 * its admin decides.
 */
public record RegisteredKeyPolicy(boolean onlyRegisteredKeys, boolean keyAsFirstFactor, int maxKeysPerUser) {

    public static final String ONLY_REGISTERED = "only-registered-keys";
    public static final String KEY_FIRST_FACTOR = "registered-key-first-factor";
    public static final String MAX_KEYS = "max-registered-keys-per-user";

    public static RegisteredKeyPolicy from(MultivaluedHashMap<String, String> config) {
        return new RegisteredKeyPolicy(
                ConfigValues.bool(config.getFirst(ONLY_REGISTERED), false),
                ConfigValues.bool(config.getFirst(KEY_FIRST_FACTOR), false),
                ConfigValues.intValue(config.getFirst(MAX_KEYS), 10, 1, 100));
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ONLY_REGISTERED).label("Only registered keys")
                .helpText("People get certificates only for SSH public keys they registered beforehand (Account "
                        + "Console, Signing in; or 'hpc-ssh-cert keys add'). A request for another key is refused "
                        + "(key_not_registered) with the command that registers it. Service accounts are not affected.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(KEY_FIRST_FACTOR).label("Registered key as first factor")
                .helpText("A login without a password (flow step 'Registered SSH key (first factor)' followed by a "
                        + "second factor) gets a certificate when the request carries a fresh signature of a "
                        + "registered key, made by hpc-ssh-cert with ssh-keygen -Y sign: the key is the first "
                        + "factor, as at Magento ('SSH key configured on your account and a TFA code'). Off: such "
                        + "logins are refused (key_first_factor_not_allowed).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(MAX_KEYS).label("Registered keys per person")
                .helpText("At most this many SSH keys per person (1 to 100).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10").add()
                .build();
    }
}
