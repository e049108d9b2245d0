package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.junit.jupiter.api.Test;

/** Admins filter push events by name: every one follows the pack's scheme, and none is shared. */
class PushEventsTest {

    @Test
    void everyPushEventErrorIsPushConditionAndUnique() throws IllegalAccessException {
        Set<String> seen = new HashSet<>();
        for (Field field : PushEvents.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("ERROR_")) {
                String error = (String) field.get(null);
                assertTrue(EventErrors.isPackName(error) && error.startsWith("push_"), field.getName() + ": " + error);
                assertTrue(seen.add(error), "shared: " + error);
            }
        }
        assertEquals("push_declined", PushEvents.ERROR_DECLINED);
        assertEquals("push_invalid_signature", PushEvents.ERROR_INVALID_SIGNATURE, "the name it always had");
    }
}
