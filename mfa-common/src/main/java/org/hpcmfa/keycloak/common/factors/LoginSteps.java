package org.hpcmfa.keycloak.common.factors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.SecondFactorSession;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Reads a user session's completed login steps: Keycloak keeps the executions a login completed in the session
 * note {@link Constants#AUTHENTICATORS_COMPLETED} (for the amr mapper); the pack's password-and-OTP form adds
 * its verified code as {@link SecondFactorSession#NOTE}.
 */
public final class LoginSteps {

    private LoginSteps() {
    }

    /** The factors the session's login proved; nothing for a missing session or an unreadable note. */
    public static TwoFactorEvidence evidence(KeycloakSession session, RealmModel realm, UserSessionModel userSession,
            boolean firstFactorByRequest) {
        if (userSession == null) {
            return TwoFactorEvidence.of(List.of(), null, firstFactorByRequest);
        }
        return TwoFactorEvidence.of(steps(session, realm, userSession), userSession.getNote(SecondFactorSession.NOTE),
                firstFactorByRequest);
    }

    static List<TwoFactorEvidence.Step> steps(KeycloakSession session, RealmModel realm, UserSessionModel userSession) {
        Map<String, Integer> completed;
        try {
            completed = AuthenticatorUtils.parseCompletedExecutions(userSession.getNote(Constants.AUTHENTICATORS_COMPLETED));
        } catch (IllegalStateException unreadable) {
            return List.of(); // proves nothing: the refusal says so
        }
        List<TwoFactorEvidence.Step> steps = new ArrayList<>();
        for (String executionId : completed.keySet()) {
            AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(executionId);
            if (execution == null || execution.getAuthenticator() == null) {
                continue; // a removed execution, or a sub-flow
            }
            var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class,
                    execution.getAuthenticator());
            String category = factory instanceof AuthenticatorFactory af ? af.getReferenceCategory() : null;
            steps.add(new TwoFactorEvidence.Step(execution.getAuthenticator(), category));
        }
        return steps;
    }
}
