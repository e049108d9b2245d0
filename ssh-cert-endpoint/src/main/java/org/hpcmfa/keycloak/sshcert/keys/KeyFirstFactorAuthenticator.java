package org.hpcmfa.keycloak.sshcert.keys;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyProof;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Registered SSH key (first factor)": in a device-login flow for hpc-ssh-cert, stands in for the password. It asks
 * nothing in the browser; it notes in the user session that the first factor is still to be proven, which the CA
 * then demands from the sign request (a signature of a registered key, {@link RegisteredKeyProof}). A person
 * without a registered key, or a realm whose CA does not accept keys as first factor, is stopped here with a page
 * that says so, instead of at the terminal after the second factor.
 */
public class KeyFirstFactorAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        boolean allowed = RealmSshCa.signer(realm).map(ca -> RegisteredKeyPolicy.from(ca.config()).keyAsFirstFactor())
                .orElse(false);
        String error = !allowed ? "ssh-cert-endpoint.sshKeyFirstFactorOff"
                : new SshKeyCredentialProvider(context.getSession()).keys(user).isEmpty() ? "ssh-cert-endpoint.sshKeyNoneRegistered"
                : null;
        if (error != null) {
            context.getEvent().detail(Details.CREDENTIAL_TYPE, SshKeyCredentialModel.TYPE).detail("reason", error)
                    .user(user).error(EventErrors.Capability.SSH_KEY.error("first_factor_unavailable"));
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                    context.form().setError(error).createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        context.getAuthenticationSession().setUserSessionNote(RegisteredKeyProof.KEY_FIRST_NOTE,
                RegisteredKeyProof.KEY_FIRST_VALUE);
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Always: the step itself tells a person without a registered key what to do. Keycloak would otherwise stop the
     * flow before the step with its generic "credential setup required" page.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
