package org.hpcmfa.keycloak.push.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.push.challenge.LoginWatch;
import org.hpcmfa.keycloak.push.protocol.PageStatus;
import org.junit.jupiter.api.Test;

/** The waiting login page stops on every answer of the status check but "pending", and only then. */
class LoginPageStatusTest {

    private final Map<String, Object> model = PushLoginPage.statusModel(URI.create("http://localhost:8080/"), "demo", "W");

    /** What hpc-push.js decides for one status answer, from the page's attributes alone. */
    private boolean scriptStops(Map<String, Object> answer) {
        String field = (String) model.get(PageStatus.MODEL_FIELD);
        List<String> done = Arrays.asList(((String) model.get(PageStatus.MODEL_DONE_VALUES)).split(" "));
        return answer.containsKey(field) && done.contains(String.valueOf(answer.get(field)));
    }

    @Test
    void thePageAsksTheLoginStatusOfItsWatchToken() {
        assertEquals("http://localhost:8080/realms/demo/pipush/login-status?watch=W&wait=2", model.get(PageStatus.MODEL_URL));
    }

    @Test
    void everyStateTheStatusCheckAnswersIsUnderstoodByThePage() {
        for (LoginWatch.State state : LoginWatch.State.values()) {
            // The answer exactly as PushApiResource builds it.
            Map<String, Object> answer = Map.of(PageStatus.LOGIN_FIELD, state.wireName());
            assertEquals(state != LoginWatch.State.PENDING, scriptStops(answer), state.name());
        }
    }

    @Test
    void anEnrolmentAnswerDoesNotEndTheLoginPage() {
        assertEquals(false, scriptStops(Map.of(PageStatus.ENROLMENT_FIELD, true)));
    }
}
