package org.hpcmfa.keycloak.accountapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.keycloak.events.Errors;

/** The account API's JSON answers, its event vocabulary and its refusals shared by several steps. */
final class Answers {

    /** The {@code method} detail of an event: the method on the command line. */
    static final String METHOD = "method";

    private Answers() {
    }

    /** An answer from name, value pairs, in that order. */
    static Map<String, Object> of(Object... pairs) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            answer.put((String) pairs[i], pairs[i + 1]);
        }
        return answer;
    }

    /** The event error of a JSON code, in mfa-common's scheme: a wrong code is Keycloak's own name. */
    static String eventError(String error) {
        return "invalid_code".equals(error) ? Errors.INVALID_USER_CREDENTIALS
                : EventErrors.Capability.ACCOUNT_API.error(error);
    }

    static ApiRefusal methodNotOffered(String method) {
        return new ApiRefusal(400, "method_not_offered", "This realm does not offer '" + method
                + "' as a second factor to set up from the terminal.");
    }

    static ApiRefusal locked() {
        return new ApiRefusal(403, "user_temporarily_disabled", "Too many wrong codes: your account is locked for a "
                + "while. Try again later.");
    }
}
