package org.hpcmfa.keycloak.common.rest;

import java.util.Set;

import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The person behind a bearer token on the pack's self-service endpoints (the terminal {@code mfa} command): an
 * access token of this realm, active (its user session lives, its user is enabled), of a person rather than a
 * client's service account, issued to one of the allowed clients. Each refusal names its rule with a stable code.
 */
public final class PersonBearer {

    /** A person's verified token and what it stands for. */
    public record Person(AccessToken token, UserModel user, UserSessionModel userSession, ClientModel client) {
    }

    private PersonBearer() {
    }

    public static Person authenticate(KeycloakSession session, RealmModel realm, Set<String> allowedClients)
            throws ApiRefusal {
        String raw = AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        if (raw == null) {
            throw new ApiRefusal(401, "missing_token", "Send your access token as 'Authorization: Bearer <token>'.");
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(raw).authenticate();
        if (auth == null) {
            throw whyNotActive(raw);
        }
        Person person = new Person(AuthResults.token(auth), AuthResults.user(auth), AuthResults.session(auth),
                AuthResults.client(auth));
        if (person.user().getServiceAccountClientLink() != null || person.token().getSessionId() == null) {
            throw new ApiRefusal(403, "not_a_person", "This is a client's token, not a person's: sign in as yourself.");
        }
        if (!allowedClients.contains(person.token().getIssuedFor())) {
            throw new ApiRefusal(403, "client_not_allowed", "Tokens of client '" + person.token().getIssuedFor()
                    + "' may not manage second factors in this realm.");
        }
        return person;
    }

    /**
     * The login behind the token happened at most {@code maxAgeSeconds} ago: changing one's factors needs a fresh
     * sign-in, so a token left on a shared machine cannot do it.
     */
    public static void requireRecent(Person person, int maxAgeSeconds) throws ApiRefusal {
        long authTime = authTime(person);
        if (Time.currentTime() - authTime > maxAgeSeconds) {
            throw new ApiRefusal(401, "reauthentication_required", "Your sign-in is older than " + maxAgeSeconds
                    + " seconds; sign in again to change your second factors.");
        }
    }

    /**
     * When the person last entered their credentials: the token's {@code auth_time}; a direct grant's token has
     * none, and its session's start is that sign-in (refreshing a token keeps it, signing in again makes a new one).
     */
    static long authTime(Person person) {
        Long claimed = person.token().getAuth_time();
        if (claimed != null) {
            return claimed;
        }
        String note = person.userSession().getNote(AuthenticationManager.AUTH_TIME);
        if (note != null && note.matches("[0-9]{1,12}")) {
            return Long.parseLong(note);
        }
        return person.userSession().getStarted();
    }

    private static ApiRefusal whyNotActive(String raw) {
        try {
            if (TokenVerifier.create(raw, AccessToken.class).getToken().isExpired()) {
                return new ApiRefusal(401, "token_expired", "The access token has expired; sign in again.");
            }
        } catch (VerificationException unreadable) {
            return new ApiRefusal(401, "invalid_token", "The bearer value is not an access token.");
        }
        return new ApiRefusal(401, "invalid_token", "The access token is not active: it was revoked, its session "
                + "ended, its user is disabled, or it belongs to another realm.");
    }
}
