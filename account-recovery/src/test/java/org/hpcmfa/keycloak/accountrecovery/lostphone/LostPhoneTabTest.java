package org.hpcmfa.keycloak.accountrecovery.lostphone;

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
class LostPhoneTabTest {

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
        stored.put(LostPhoneTab.LOST_PHONE, true);
        stored.put(LostPhoneTab.USER_ID, "some-user");

        new LostPhoneTab().validateConfiguration(importSession(), null, stored);

        assertEquals("false", stored.get(LostPhoneTab.LOST_PHONE));
        assertNull(stored.get(LostPhoneTab.LAST_ACTION), "nothing was done, so nothing is reported");
    }

    @Test
    void theFormOffersTheResetAndItsOutcome() {
        List<String> names = new LostPhoneTab().getConfigProperties().stream()
                .map(ProviderConfigProperty::getName).toList();
        assertEquals(List.of(LostPhoneTab.LOST_PHONE, LostPhoneTab.LAST_ACTION, LostPhoneTab.USER_ID),
                names);
        assertTrue(new LostPhoneTab().getConfigProperties().get(1).isReadOnly());
        assertEquals("/:realm/users/:id/:tab", new LostPhoneTab().getPath());
    }
}
