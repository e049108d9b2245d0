package org.hpcmfa.keycloak.it.passwordotp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/** What a realm admin changes in the console for these tests, through the admin REST API. */
final class PasswordOtpAdmin {

    /** The demo realm's settings of the CISM form (demo/mfa-demo-realm.json, config cism-password-otp-form). */
    static final Map<String, String> DEMO_SETTINGS = Map.of(
            "require-otp", "true",
            "totp-clock-skew-hint", "true",
            "totp-clock-skew-max-seconds", "600");

    private PasswordOtpAdmin() {
    }

    /** Sets the form's execution in the cism-login flow to the demo settings changed by {@code overrides}. */
    static void configure(RealmResource realm, Map<String, String> overrides) {
        AuthenticationExecutionInfoRepresentation execution = realm.flows().getExecutions("cism-login").stream()
                .filter(e -> "hpc-password-otp-form".equals(e.getProviderId())).findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        Map<String, String> values = new HashMap<>(DEMO_SETTINGS);
        values.putAll(overrides);
        config.setConfig(values);
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    /**
     * Tests type faster than a person: Keycloak's quick-login check (two failures within a second lock the user
     * for a minute) would blur what they count.
     */
    static void allowFastRetries(RealmResource realm) {
        RealmRepresentation rep = realm.toRepresentation();
        rep.setQuickLoginCheckMilliSeconds(1L);
        realm.update(rep);
    }

    static void failureFactor(RealmResource realm, int failures) {
        RealmRepresentation rep = realm.toRepresentation();
        rep.setFailureFactor(failures);
        realm.update(rep);
    }

    static int failures(RealmResource realm, String userId) {
        return ((Number) realm.attackDetection().bruteForceUserStatus(userId).getOrDefault("numFailures", 0)).intValue();
    }

    static boolean locked(RealmResource realm, String userId) {
        return Boolean.TRUE.equals(realm.attackDetection().bruteForceUserStatus(userId).get("disabled"));
    }

    /** Stored events of one user, newest first. */
    static List<EventRepresentation> events(RealmResource realm, String userId, String type) {
        return realm.getEvents(List.of(type), null, userId, null, null, null, 0, 100);
    }
}
