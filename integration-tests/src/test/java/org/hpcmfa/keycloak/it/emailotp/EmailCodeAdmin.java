package org.hpcmfa.keycloak.it.emailotp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/** What a realm admin changes in the console for these tests, done through the admin REST API. */
public final class EmailCodeAdmin {

    /** The demo realm's email code settings (demo/mfa-demo-realm.json). */
    static final Map<String, String> DEMO_SETTINGS = Map.of(
            "code-length", "6",
            "code-ttl-seconds", "600",
            "max-attempts", "5",
            "resend-cooldown-seconds", "30",
            "max-mails-per-hour", "10",
            "allow-unverified-email", "false",
            "allowed-domains", "");

    private EmailCodeAdmin() {
    }

    /** Sets the email code execution of the demo flow to the demo settings changed by {@code overrides}. */
    public static void configure(RealmResource realm, Map<String, String> overrides) {
        AuthenticationExecutionInfoRepresentation execution = realm.flows().getExecutions("mfa-browser-second-factor")
                .stream().filter(e -> "hpc-email-otp".equals(e.getProviderId())).findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        Map<String, String> values = new HashMap<>(DEMO_SETTINGS);
        values.putAll(overrides);
        config.setConfig(values);
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    static void smtpPort(RealmResource realm, int port) {
        RealmRepresentation rep = realm.toRepresentation();
        Map<String, String> smtp = new HashMap<>(rep.getSmtpServer());
        smtp.put("port", String.valueOf(port));
        rep.setSmtpServer(smtp);
        realm.update(rep);
    }

    /**
     * Tests type wrong codes faster than a person: Keycloak's quick-login check (two failures within a second
     * lock the user for a minute) would blur what the tests count.
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

    /** Stored events of one user, newest first. */
    static List<EventRepresentation> events(RealmResource realm, String userId, String... types) {
        return realm.getEvents(List.of(types), null, userId, null, null, null, 0, 100);
    }
}
