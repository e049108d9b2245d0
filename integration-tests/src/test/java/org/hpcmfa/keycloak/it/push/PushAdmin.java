package org.hpcmfa.keycloak.it.push;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** What a realm admin changes in the console for the push tests, done through the admin REST API. */
public final class PushAdmin {

    static final String FLOW = "mfa-browser-second-factor";

    private PushAdmin() {
    }

    /** Sets the push execution's settings in the research application's flow (creating its config). */
    public static void configure(RealmResource realm, Map<String, String> values) {
        configure(realm, FLOW, values);
    }

    /** Sets the push execution's settings in {@code flow} (e.g. the SSH terminal flow), creating its config. */
    public static void configure(RealmResource realm, String flow, Map<String, String> values) {
        AuthenticationExecutionInfoRepresentation execution = realm.flows().getExecutions(flow).stream()
                .filter(e -> "hpc-push".equals(e.getProviderId())).findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("mfa-push-" + System.nanoTime());
        config.setConfig(new HashMap<>(values));
        if (execution.getAuthenticationConfig() == null) {
            realm.flows().newExecutionConfig(execution.getId(), config).close();
        } else {
            AuthenticatorConfigRepresentation existing = realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
            existing.setConfig(new HashMap<>(values));
            realm.flows().updateAuthenticatorConfig(existing.getId(), existing);
        }
    }

    /** Sets realm-wide push settings on the "privacyIDEA push signing key" component. */
    public static void settings(RealmResource realm, Map<String, String> values) {
        ComponentRepresentation component = realm.components().query(realm.toRepresentation().getId(),
                "org.keycloak.keys.KeyProvider").stream().filter(c -> "hpc-push-signing-key".equals(c.getProviderId()))
                .findFirst().orElseThrow(() -> new AssertionError("no push signing key component yet"));
        MultivaluedHashMap<String, String> config = component.getConfig();
        values.forEach(config::putSingle);
        realm.components().component(component.getId()).update(component);
    }

    public static void allowFastRetries(RealmResource realm) {
        RealmRepresentation rep = realm.toRepresentation();
        rep.setQuickLoginCheckMilliSeconds(1L);
        realm.update(rep);
    }

    static void requireSetup(RealmResource realm, String userId) {
        UserRepresentation user = realm.users().get(userId).toRepresentation();
        user.setRequiredActions(List.of("hpc-push-setup"));
        realm.users().get(userId).update(user);
    }

    public static List<CredentialRepresentation> pushDevices(RealmResource realm, String userId) {
        return realm.users().get(userId).credentials().stream().filter(c -> "hpc-push".equals(c.getType())).toList();
    }

    public static List<EventRepresentation> events(RealmResource realm, String userId, String... types) {
        return realm.getEvents(List.of(types), null, userId, null, null, null, 0, 100);
    }

    public static int bruteForceFailures(RealmResource realm, String userId) {
        Map<String, Object> status = realm.attackDetection().bruteForceUserStatus(userId);
        return ((Number) status.getOrDefault("numFailures", 0)).intValue();
    }
}
