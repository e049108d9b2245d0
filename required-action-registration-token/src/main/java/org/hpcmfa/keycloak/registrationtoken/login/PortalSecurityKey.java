package org.hpcmfa.keycloak.registrationtoken.login;

import jakarta.ws.rs.core.MultivaluedMap;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.WebAuthnAuthenticator;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/**
 * The portal's "username and one secret" with a security key as the secret: a person who enrolled a key types the
 * username, leaves the secret field empty, and the browser asks for the key (Keycloak's own WebAuthn page and
 * check, run as a step of the portal form). Only a user who has a key gets there: for anyone else an empty field is
 * still a wrong secret. The user the key must belong to is remembered in the authentication session (one login,
 * any node), never taken from the answer.
 */
final class PortalSecurityKey {

    /** Authentication-session note: the id of the user whose key the WebAuthn page asked for. */
    static final String NOTE_USER = "hpc-portal.security-key-user";
    /** The form attribute the hpc-mfa theme's login.ftl reads to tell people they may use their key. */
    static final String HINT_ATTRIBUTE = "hpcSecurityKeyHint";

    private PortalSecurityKey() {
    }

    /** The user enrolled a security key (Keycloak's two-factor WebAuthn credential). */
    static boolean enrolled(UserModel user) {
        return user.credentialManager().isConfiguredFor(CredentialTypes.WEBAUTHN);
    }

    /** People of the realm can enrol a key (Keycloak's "Webauthn Register" action is enabled): the page says so. */
    static boolean offeredIn(RealmModel realm) {
        RequiredActionProviderModel register = realm.getRequiredActionProviderByAlias(WebAuthnRegisterFactory.PROVIDER_ID);
        return register != null && register.isEnabled();
    }

    /** Shows Keycloak's WebAuthn page for {@code user}'s keys. */
    static void ask(AuthenticationFlowContext context, UserModel user) {
        context.getAuthenticationSession().setAuthNote(NOTE_USER, user.getId());
        new WebAuthnAuthenticator(context.getSession()).authenticate(context);
    }

    /** The post is the WebAuthn page's answer (or its "try again") to a question this login asked. */
    static boolean isAnswer(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        return context.getAuthenticationSession().getAuthNote(NOTE_USER) != null
                && (form.containsKey(WebAuthnConstants.AUTHENTICATOR_DATA) || form.containsKey(WebAuthnConstants.ERROR)
                        || form.containsKey("isSetRetry"));
    }

    /**
     * Checks the answer with Keycloak's WebAuthn authenticator against the keys of the user the question was for:
     * an assertion of another user's key is refused by it ("different user"), a failure counts for brute force.
     * False, with nothing answered, when that user is gone, disabled or has no key any more.
     */
    static boolean verify(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        String userId = context.getAuthenticationSession().getAuthNote(NOTE_USER);
        UserModel user = context.getSession().users().getUserById(context.getRealm(), userId);
        if (user == null || !user.isEnabled() || !enrolled(user)) {
            forget(context);
            return false;
        }
        context.setUser(user);
        context.getEvent().user(user); // a refused key is an event of this user
        WebAuthnAuthenticator webAuthn = new WebAuthnAuthenticator(context.getSession());
        if (form.containsKey("isSetRetry") && !form.containsKey(WebAuthnConstants.AUTHENTICATOR_DATA)) {
            webAuthn.authenticate(context);
        } else {
            webAuthn.action(context);
        }
        return true;
    }

    static void forget(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(NOTE_USER);
    }
}
