package org.hpcmfa.keycloak.it.sshterminal;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * The terminal prompt's settings as an admin sets them: the "SSH terminal prompt" tab of Realm settings, stored
 * as one UiTabProvider component of the realm (what the console saves, and what kcadm creates).
 */
public final class TerminalSettingsAdmin {

    public static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    public static final String TAB_ID = "hpc-ssh-terminal-tab";

    private TerminalSettingsAdmin() {
    }

    public static Optional<ComponentRepresentation> tab(RealmResource realm) {
        String realmId = realm.toRepresentation().getId();
        return realm.components().query(realmId, TAB_TYPE).stream()
                .filter(c -> TAB_ID.equals(c.getProviderId())).findFirst();
    }

    /** Sets one setting on the tab (created if the realm has none yet); the answer's status says if it was taken. */
    public static int set(RealmResource realm, String key, String value) {
        Optional<ComponentRepresentation> existing = tab(realm);
        ComponentRepresentation tab = existing.orElseGet(() -> {
            ComponentRepresentation created = new ComponentRepresentation();
            created.setName(TAB_ID);
            created.setProviderId(TAB_ID);
            created.setProviderType(TAB_TYPE);
            created.setParentId(realm.toRepresentation().getId());
            created.setConfig(new MultivaluedHashMap<>());
            return created;
        });
        tab.getConfig().put(key, List.of(value));
        if (existing.isPresent()) {
            try {
                realm.components().component(tab.getId()).update(tab);
                return 204;
            } catch (jakarta.ws.rs.WebApplicationException refused) {
                return refused.getResponse().getStatus();
            }
        }
        try (Response created = realm.components().add(tab)) {
            return created.getStatus();
        }
    }

    /** The realm's SSH CA, where the settings were before (a deprecated fallback). */
    public static ComponentRepresentation ca(RealmResource realm) {
        return realm.components().query(realm.toRepresentation().getId(), "org.keycloak.keys.KeyProvider", "ssh-user-ca")
                .get(0);
    }
}
