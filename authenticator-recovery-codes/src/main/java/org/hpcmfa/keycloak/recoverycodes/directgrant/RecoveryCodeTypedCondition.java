package org.hpcmfa.keycloak.recoverycodes.directgrant;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Condition - recovery code typed": true when the direct grant's code field holds something shaped like a
 * recovery code. With Keycloak's "Condition - sub-flow executed" (not executed) on the OTP sub-flow, exactly one
 * of the two sub-flows checks the code, so a recovery code never reaches the OTP step as a wrong TOTP code.
 */
public class RecoveryCodeTypedCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return DirectGrantCode.isRecoveryCode(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
