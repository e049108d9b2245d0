package org.hpcmfa.keycloak.common.factors;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Email codes (module authenticator-email-otp) store nothing per user: the factor is the email address itself.
 * Pages mention them only where they apply: the user can receive them (a usable address) and a login flow asks for
 * them (the client's browser flow, or any flow of the realm when no client is known). Asked through Keycloak's
 * credential manager and flow model by provider id, so no module needs a class of that one.
 */
public final class EmailCodes {

    /** The credential type of the opt-in, which is also the authenticator's provider id. */
    static final String TYPE = CredentialTypes.EMAIL_CODE;

    private EmailCodes() {
    }

    /** The user may still be asked for an email code by {@code client}'s login (after their factors are gone). */
    public static boolean stayFor(UserModel user, RealmModel realm, ClientModel client) {
        return user.credentialManager().isConfiguredFor(TYPE) && (client == null ? usedInRealm(realm) : usedBy(realm, client));
    }

    /** The browser login of {@code client} (its override, else the realm's browser flow) can ask for an email code. */
    public static boolean usedBy(RealmModel realm, ClientModel client) {
        String flowId = client.getAuthenticationFlowBindingOverride(AuthenticationFlowBindings.BROWSER_BINDING);
        if (flowId == null && realm.getBrowserFlow() != null) {
            flowId = realm.getBrowserFlow().getId();
        }
        return flowId != null && flowAsks(realm, flowId, 0);
    }

    /** Some flow of the realm can ask for an email code. */
    public static boolean usedInRealm(RealmModel realm) {
        return realm.getAuthenticationFlowsStream().map(AuthenticationFlowModel::getId)
                .anyMatch(id -> flowAsks(realm, id, 0));
    }

    private static boolean flowAsks(RealmModel realm, String flowId, int depth) {
        if (depth > 16) {
            return false; // a flow nested in itself: Keycloak refuses it, never loop here
        }
        return realm.getAuthenticationExecutionsStream(flowId).filter(e -> !e.isDisabled()).anyMatch(
                e -> e.isAuthenticatorFlow() ? flowAsks(realm, e.getFlowId(), depth + 1) : TYPE.equals(e.getAuthenticator()));
    }
}
