package org.hpcmfa.keycloak.common.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * The events the listener leaves alone, without touching the session (here null, so any use would fail): a
 * credential removal that names no credential type (as the disable-MFA confirmation sends it) once ended in a
 * NullPointerException in Keycloak's log, and one of a type that is not a second factor.
 */
class KeycloakTrustEventsTest {

    private static Event removal(Map<String, String> details) {
        Event event = new Event();
        event.setType(EventType.REMOVE_CREDENTIAL);
        event.setRealmId("realm");
        event.setUserId("user");
        event.setDetails(details);
        return event;
    }

    @Test
    void aRemovalWithoutACredentialTypeIsLeftAlone() {
        KeycloakTrustEvents listener = new KeycloakTrustEvents(null);
        assertDoesNotThrow(() -> listener.onEvent(removal(new HashMap<>(Map.of("removed", "otp")))));
    }

    @Test
    void aRemovalOfAFirstFactorIsLeftAlone() {
        KeycloakTrustEvents listener = new KeycloakTrustEvents(null);
        assertDoesNotThrow(() -> listener.onEvent(removal(new HashMap<>(Map.of(Details.CREDENTIAL_TYPE, "password")))));
    }

    @Test
    void anEventWithoutDetailsIsLeftAlone() {
        KeycloakTrustEvents listener = new KeycloakTrustEvents(null);
        assertDoesNotThrow(() -> listener.onEvent(removal(null)));
    }
}
