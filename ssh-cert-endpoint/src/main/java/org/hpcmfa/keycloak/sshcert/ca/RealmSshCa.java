package org.hpcmfa.keycloak.sshcert.ca;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

/** The realm's SSH CA components: which one signs, which public keys servers must trust. */
public final class RealmSshCa {

    private RealmSshCa() {
    }

    static List<SshCaComponent> all(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> SshCaKeyProviderFactory.ID.equals(c.getProviderId()))
                .map(SshCaComponent::new)
                .toList();
    }

    /** The enabled, active CA with the highest priority. */
    public static Optional<SshCaComponent> signer(RealmModel realm) {
        return all(realm).stream().filter(c -> c.enabled() && c.active())
                .max(Comparator.comparingLong(SshCaComponent::priority));
    }

    /** Every key servers must trust now: current keys of enabled CAs, and retired keys not yet expired. */
    public static List<SshCaKey> published(RealmModel realm, long now) {
        List<SshCaKey> keys = new ArrayList<>();
        for (SshCaComponent ca : all(realm)) {
            if (!ca.enabled()) {
                continue;
            }
            keys.add(ca.publishedKey());
            ca.retiredKeys().stream().filter(r -> r.retireAfter() > now).map(SshCaComponent.RetiredKey::key)
                    .forEach(keys::add);
        }
        return keys;
    }

    /** When the next published retired key stops being published (epoch seconds; Long.MAX_VALUE: never). */
    public static long nextRetirement(RealmModel realm, long now) {
        return all(realm).stream().filter(SshCaComponent::enabled)
                .flatMap(ca -> ca.retiredKeys().stream())
                .mapToLong(SshCaComponent.RetiredKey::retireAfter)
                .filter(retireAfter -> retireAfter > now)
                .min().orElse(Long.MAX_VALUE);
    }
}
