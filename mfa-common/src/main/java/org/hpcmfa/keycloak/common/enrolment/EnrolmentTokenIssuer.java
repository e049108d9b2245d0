package org.hpcmfa.keycloak.common.enrolment;

import java.net.URI;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Issues a person a fresh one-time registration token, which leads to a new enrolment. The registration-token
 * module implements it; account-recovery's lost-phone reset calls it, so neither module needs the other's classes.
 * Runs in the caller's transaction and writes the issuing events itself.
 */
public interface EnrolmentTokenIssuer extends Provider {

    /** The plain token (to hand over when it was not mailed) and when it expires (seconds since the epoch). */
    record Issued(String token, long expiresAt) {
    }

    /** The token could not be mailed; the message is safe to show to an admin. The caller rolls back. */
    final class MailFailed extends Exception {
        public MailFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param issuedBy the issuing admin's user id, for the events
     * @param mail     mail the token to the user's address (the caller checked there is one)
     * @param baseUri  Keycloak's base URI as the user reaches it, for the portal link in the mail
     */
    Issued issue(KeycloakSession session, RealmModel realm, UserModel user, String issuedBy, boolean mail, URI baseUri)
            throws MailFailed;

    @Override
    default void close() {
    }
}
