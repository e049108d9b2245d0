package org.hpcmfa.keycloak.sshcert.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.hpcmfa.keycloak.common.rest.JsonBodies;
import org.hpcmfa.keycloak.sshcert.issue.SignRequest;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.junit.jupiter.api.Test;

/** Malformed bodies are refused in the API's words, never with a Java type name from the JSON library. */
class RequestBodiesTest {

    private static SignRefusal refused(String body) {
        return assertThrows(SignRefusal.class, () -> RequestBodies.parse(body, SignRequest.class), body);
    }

    @Test
    void malformedBodiesNameTheFieldNotAJavaType() {
        List<String> bodies = List.of("", "   ", "null", "[]", "42", "\"text\"", "{", "{\"public_key\":", "not json",
                "{\"unexpected\":true}", "{\"public_key\":{}}", "{\"ttl\":\"soon\"}",
                "{\"ttl\":99999999999999999999}", "{\"principals\":\"root\"}", "{\"principals\":[{}]}",
                "[".repeat(5000) + "]".repeat(5000));
        for (String body : bodies) {
            SignRefusal refusal = refused(body);
            assertEquals(400, refusal.status(), body);
            assertEquals("invalid_request", refusal.error(), body);
            String text = refusal.getMessage();
            assertFalse(text.matches("(?s).*(java\\.|org\\.|com\\.|class |Exception|`).*"), body + " -> " + text);
        }
        assertEquals("Unknown field 'unexpected'.", refused("{\"unexpected\":true}").getMessage());
        assertEquals("Field 'ttl' has the wrong type or value.", refused("{\"ttl\":\"soon\"}").getMessage());
        assertEquals("Field 'principals[0]' has the wrong type or value.", refused("{\"principals\":[{}]}").getMessage());
    }

    @Test
    void hugeBodiesAreRefusedUnread() {
        SignRefusal refusal = refused("{\"public_key\":\"" + "A".repeat(JsonBodies.MAX_BODY_CHARS) + "\"}");
        assertEquals(413, refusal.status());
        assertEquals("request_too_large", refusal.error());
    }
}
