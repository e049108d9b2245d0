package org.hpcmfa.keycloak.sshcert.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak validates stored components again when a realm is imported: a stored tab must then revoke nothing,
 * and the serial field is never stored filled in.
 */
class SshCertificatesTabTest {

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
    void anImportedTabRevokesNothingAndKeepsNoSerial() {
        ComponentModel stored = new ComponentModel();
        stored.put(SshCertificatesTab.REVOKE, "42");
        stored.put(SshCertificatesTab.USER_ID, "some-user");

        new SshCertificatesTab().validateConfiguration(importSession(), null, stored);

        assertEquals("", stored.get(SshCertificatesTab.REVOKE));
        assertNull(stored.get(SshCertificatesTab.LISTING));
    }
}
