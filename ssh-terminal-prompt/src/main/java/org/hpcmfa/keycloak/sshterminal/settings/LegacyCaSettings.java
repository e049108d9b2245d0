package org.hpcmfa.keycloak.sshterminal.settings;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.component.ComponentModel;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

/**
 * Deprecated home of the terminal settings: the realm's SSH CA (Realm settings, Keys, provider "hpc-ssh-user-ca"),
 * where releases before the ssh-terminal-prompt module kept them under the same keys. Read only while the realm's
 * "SSH terminal prompt" tab has never been saved, so upgraded realms keep working unchanged; the CA still keeps
 * the values (declared, not shown) so that saving the CA does not drop them.
 */
final class LegacyCaSettings {

    /** The SSH CA key provider's id: a stored contract of realm configurations, named here to read them. */
    static final String SSH_CA_PROVIDER_ID = "hpc-ssh-user-ca";

    private LegacyCaSettings() {
    }

    /** The config of the enabled, active SSH CA with the highest priority, as the CA module picks its signer. */
    static Optional<Function<String, String>> stored(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> SSH_CA_PROVIDER_ID.equals(c.getProviderId()))
                .filter(c -> c.get(Attributes.ENABLED_KEY, true) && c.get(Attributes.ACTIVE_KEY, true))
                .max(Comparator.comparingLong(c -> c.get(Attributes.PRIORITY_KEY, 0L)))
                .map(LegacyCaSettings::config);
    }

    private static Function<String, String> config(ComponentModel ca) {
        return ca.getConfig()::getFirst;
    }
}
