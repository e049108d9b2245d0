package org.hpcmfa.keycloak.sshcert.ca;

import java.util.ArrayList;
import java.util.List;

import org.hpcmfa.keycloak.sshcert.openssh.CaAlgorithm;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.policy.SshCertPolicy;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.Attributes;

/**
 * One "SSH user CA" component of a realm, read from its stored configuration: the current key pair, the retired
 * public keys still published after a rotation, and the certificate policy.
 *
 * <p>The key pair lives under configuration keys that the provider does not declare: Keycloak removes undeclared
 * keys from every admin REST answer and from the console's partial export, so the private key stays inside.
 */
public final class SshCaComponent {

    static final String ALGORITHM = "algorithm";
    static final String ROTATE = "rotate-key";
    static final String PUBLIC_KEY = "sshCaPublicKey";
    static final String PRIVATE_KEY = "sshCaPrivateKey";
    /** Retired keys: entries "{algorithm} {retireAfterEpochSeconds} {base64 X.509 public key}". */
    static final String RETIRED_KEYS = "sshCaRetiredKeys";
    private static final String SIGNING_KEY_NOTE = SshCaKey.class.getName();
    private static final String POLICY_NOTE = SshCertPolicy.class.getName();

    /** A public key that no longer signs but is still published, until every certificate it signed expired. */
    public record RetiredKey(SshCaKey key, long retireAfter) {
    }

    private final ComponentModel model;

    public SshCaComponent(ComponentModel model) {
        this.model = model;
    }

    public String id() {
        return model.getId();
    }

    public String name() {
        return model.getName();
    }

    public boolean enabled() {
        return model.get(Attributes.ENABLED_KEY, true);
    }

    public boolean active() {
        return model.get(Attributes.ACTIVE_KEY, true);
    }

    public long priority() {
        return model.get(Attributes.PRIORITY_KEY, 0L);
    }

    public CaAlgorithm algorithm() {
        String value = model.get(ALGORITHM);
        return value == null ? CaAlgorithm.ED25519 : CaAlgorithm.fromConfig(value);
    }

    /**
     * The parsed key pair, kept as a note on the component model as Keycloak's own key providers do: the model
     * belongs to the realm cache and is replaced whenever the component changes, so the note never outlives it.
     */
    public SshCaKey signingKey() {
        SshCaKey cached = model.getNote(SIGNING_KEY_NOTE);
        if (cached == null) {
            cached = SshCaKey.load(algorithm(), model.get(PUBLIC_KEY), model.get(PRIVATE_KEY));
            model.setNote(SIGNING_KEY_NOTE, cached);
        }
        return cached;
    }

    public SshCaKey publishedKey() {
        return SshCaKey.load(algorithm(), model.get(PUBLIC_KEY), null);
    }

    public List<RetiredKey> retiredKeys() {
        List<RetiredKey> keys = new ArrayList<>();
        for (String entry : model.getConfig().getOrDefault(RETIRED_KEYS, List.of())) {
            String[] parts = entry.split(" ");
            if (parts.length == 3) {
                keys.add(new RetiredKey(SshCaKey.load(CaAlgorithm.fromConfig(parts[0]), parts[2], null),
                        Long.parseLong(parts[1])));
            }
        }
        return keys;
    }

    /** The raw settings, for the parts of the pack that keep theirs on the CA (the terminal prompt). */
    public MultivaluedHashMap<String, String> config() {
        return model.getConfig();
    }

    /** Parsed once per component version and kept as a note, like {@link #signingKey()}: sign reads it often. */
    public SshCertPolicy policy() {
        SshCertPolicy cached = model.getNote(POLICY_NOTE);
        if (cached == null) {
            cached = SshCertPolicy.from(model.getConfig());
            model.setNote(POLICY_NOTE, cached);
        }
        return cached;
    }

    /** Generates a key if there is none, or a new one when asked to rotate or the algorithm changed. */
    static void ensureKey(ComponentModel model, long now) {
        boolean hasKey = model.get(PUBLIC_KEY) != null && model.get(PRIVATE_KEY) != null;
        boolean rotate = model.get(ROTATE, false);
        String stored = model.get("sshCaKeyAlgorithm");
        String wanted = new SshCaComponent(model).algorithm().configValue();
        if (hasKey && !rotate && wanted.equals(stored)) {
            return;
        }
        if (hasKey) {
            SshCertPolicy policy = SshCertPolicy.from(model.getConfig()); // no note on a model being edited
            long longest = Math.max(policy.maxTtlSeconds(), policy.serviceAccounts().maxTtlSeconds());
            long retireAfter = now + longest + 3600;
            model.getConfig().add(RETIRED_KEYS, stored + " " + retireAfter + " " + model.get(PUBLIC_KEY));
        }
        SshCaKey key = SshCaKey.generate(CaAlgorithm.fromConfig(wanted));
        model.put(PUBLIC_KEY, key.publicX509());
        model.put(PRIVATE_KEY, key.privatePkcs8());
        model.put("sshCaKeyAlgorithm", wanted);
        model.put(ROTATE, "false");
    }

    /** Drops retired keys whose certificates have all expired. */
    static void forgetExpiredRetiredKeys(ComponentModel model, long now) {
        List<String> kept = new ArrayList<>();
        for (String entry : model.getConfig().getOrDefault(RETIRED_KEYS, List.of())) {
            String[] parts = entry.split(" ");
            if (parts.length == 3 && Long.parseLong(parts[1]) > now) {
                kept.add(entry);
            }
        }
        model.getConfig().put(RETIRED_KEYS, kept);
    }
}
