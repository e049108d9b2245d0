package org.hpcmfa.keycloak.registrationtoken.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The tab's form is stored as a component, and Keycloak validates components again when a realm is imported:
 * without an admin request behind it, a stored form must do nothing and must never keep an action switched on.
 */
class RegistrationTokenTabTest {

    /** A session with no admin request: only the context is there, and it holds no bearer token. */
    private static KeycloakSession importSession() {
        KeycloakContext context = (KeycloakContext) Proxy.newProxyInstance(KeycloakContext.class.getClassLoader(),
                new Class<?>[] {KeycloakContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBearerToken")) {
                        return null;
                    }
                    throw new AssertionError("an import touched the context: " + method.getName());
                });
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getContext")) {
                        return context;
                    }
                    throw new AssertionError("an import acted: session." + method.getName());
                });
    }

    @Test
    void anImportedFormActsOnNobodyAndIsStoredSwitchedOff() {
        ComponentModel stored = new ComponentModel();
        stored.put(RegistrationTokenTab.ISSUE, true);
        stored.put(RegistrationTokenTab.USER_ID, "some-user");

        new RegistrationTokenTab().validateConfiguration(importSession(), null, stored);

        assertEquals("false", stored.get(RegistrationTokenTab.ISSUE));
        assertNull(stored.get(RegistrationTokenTab.LAST_ACTION), "nothing was done, so nothing is reported");
    }

    @Test
    void theFormOffersTheIssuingAndItsOutcome() {
        List<String> names = new RegistrationTokenTab().getConfigProperties().stream()
                .map(ProviderConfigProperty::getName).toList();
        assertEquals(List.of(RegistrationTokenTab.ISSUE, RegistrationTokenTab.LAST_ACTION, RegistrationTokenTab.USER_ID),
                names);
        assertTrue(new RegistrationTokenTab().getConfigProperties().get(1).isReadOnly());
        assertEquals("/:realm/users/:id/:tab", new RegistrationTokenTab().getPath());
    }
}
