package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;

/** The question on the phone names the application and the address a login comes from. */
class PushQuestionTest {

    private static ClientModel client(String clientId, String name) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getClientId" -> clientId;
                    case "getName" -> name;
                    default -> null;
                });
    }

    private static final String DEFAULT = PushLoginConfig.DEFAULTS.question();

    @Test
    void theDefaultQuestionNamesClientAddressAndUser() {
        assertEquals("Log in to Research web application from 203.0.113.7 as alice?",
                PushQuestion.render(DEFAULT, "alice", client("research-app", "Research web application"), "203.0.113.7"));
    }

    @Test
    void withoutADisplayNameTheClientIdIsShown() {
        assertEquals("Log in to ssh-gateway from 10.0.0.1 as bob?",
                PushQuestion.render(DEFAULT, "bob", client("ssh-gateway", null), "10.0.0.1"));
        assertEquals("Log in to account-console from 10.0.0.1 as bob?",
                PushQuestion.render(DEFAULT, "bob", client("account-console", "${client_account-console}"), "10.0.0.1"));
    }

    @Test
    void missingFactsAreSaidPlainly() {
        assertEquals("Log in to an unknown application from an unknown address as bob?",
                PushQuestion.render(DEFAULT, "bob", null, null));
    }

    @Test
    void longNamesAreCut() {
        String name = PushQuestion.clientName(client("x", "A".repeat(200)));
        assertEquals(PushQuestion.MAX_CLIENT_NAME, name.length());
    }
}
