package org.hpcmfa.keycloak.common.selfservice;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One step of a person's terminal set-up as a {@link FactorEnrolment} sees it. {@code parameters} are what the person
 * sent (e.g. {@code phone}); {@code notes} carry the method's pending state from begin to confirm (the API stores
 * them cluster-wide); a method keeps its own notes under its own names.
 */
public record EnrolmentRequest(KeycloakSession session, RealmModel realm, UserModel user, String remoteAddress,
        Map<String, String> parameters, Map<String, String> notes) {
}
