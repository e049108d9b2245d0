package org.hpcmfa.keycloak.push.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.push.protocol.PageStatus;
import org.junit.jupiter.api.Test;

/** The waiting enrolment page stops when the enrolment status says enrolled, and only then. */
class EnrolmentPageStatusTest {

    private final Map<String, Object> model = PushSetupAction.statusModel(URI.create("http://localhost:8080/"), "demo", "W");

    /** What hpc-push.js decides for one status answer (it compares the field's value as text). */
    private boolean scriptStops(Map<String, Object> answer) {
        String field = (String) model.get(PageStatus.MODEL_FIELD);
        List<String> done = Arrays.asList(((String) model.get(PageStatus.MODEL_DONE_VALUES)).split(" "));
        return answer.containsKey(field) && done.contains(String.valueOf(answer.get(field)));
    }

    @Test
    void thePageAsksTheEnrolmentStatusOfItsWatchToken() {
        assertEquals("http://localhost:8080/realms/demo/pipush/enrolment-status?watch=W&wait=2", model.get(PageStatus.MODEL_URL));
    }

    @Test
    void onlyEnrolledEndsTheWaiting() {
        // The answers exactly as PushApiResource builds them.
        assertTrue(scriptStops(Map.of(PageStatus.ENROLMENT_FIELD, true)));
        assertFalse(scriptStops(Map.of(PageStatus.ENROLMENT_FIELD, false)));
    }
}
