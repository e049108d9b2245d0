package org.hpcmfa.keycloak.it.accountapi;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

/** The "MFA command" tab of Realm settings as an admin saves it: one UiTabProvider component of the realm. */
final class ApiSettings {

    static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    static final String TAB_ID = "hpc-mfa-account-tab";

    private ApiSettings() {
    }

    static void set(RealmResource realm, Map<String, String> values) {
        reset(realm);
        ComponentRepresentation tab = new ComponentRepresentation();
        tab.setName(TAB_ID);
        tab.setProviderId(TAB_ID);
        tab.setProviderType(TAB_TYPE);
        tab.setParentId(realm.toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        values.forEach((k, v) -> config.put(k, List.of(v)));
        tab.setConfig(config);
        try (Response created = realm.components().add(tab)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("saving the MFA command tab: " + created.getStatus());
            }
        }
    }

    /** Back to the defaults: the realm has no saved tab. */
    static void reset(RealmResource realm) {
        realm.components().query(realm.toRepresentation().getId(), TAB_TYPE).stream()
                .filter(c -> TAB_ID.equals(c.getProviderId()))
                .forEach(c -> realm.components().component(c.getId()).remove());
    }
}
