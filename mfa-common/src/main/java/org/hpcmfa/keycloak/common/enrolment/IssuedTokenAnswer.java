package org.hpcmfa.keycloak.common.enrolment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * The admin's answer when a registration token was issued, by the token endpoint or by the lost-phone reset: who,
 * until when, whether it was mailed, and the token itself only when it was not. The admin event records the same
 * answer without the token.
 */
public final class IssuedTokenAnswer {

    private IssuedTokenAnswer() {
    }

    public static Map<String, Object> record(KeycloakSession session, AdminEventBuilder adminEvent, UserModel user,
            EnrolmentTokenIssuer.Issued issued, boolean emailed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user.getId());
        body.put("username", user.getUsername());
        body.put("expiresAt", issued.expiresAt());
        body.put("emailed", emailed);
        adminEvent.operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .representation(new LinkedHashMap<>(body))
                .success();
        if (!emailed) {
            body.put("token", issued.token());
        }
        return body;
    }
}
