package org.hpcmfa.keycloak.sshcert.policy;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.SessionExpirationUtils;

/**
 * A certificate's validity: the requested or default ttl, never above the caller's cap, never past the end of the
 * user's Keycloak session, and backdated 60 s so a server whose clock lags a little still accepts it.
 */
public record Validity(long validAfter, long validBefore) {

    public static final int BACKDATE_SECONDS = 60;

    public static Validity of(CertificateTerms terms, Integer requestedTtl, RealmModel realm, long now)
            throws SignRefusal {
        int ttl = requestedTtl == null ? terms.defaultTtlSeconds() : requestedTtl;
        if (ttl <= 0) {
            throw SignRefusal.badRequest("invalid_ttl", "ttl must be a positive number of seconds.");
        }
        if (ttl > terms.maxTtlSeconds()) {
            throw SignRefusal.badRequest("ttl_too_long", "ttl " + ttl + " s is above this realm's maximum of "
                    + terms.maxTtlSeconds() + " s" + (terms.serviceAccount() ? " for service accounts." : "."));
        }
        long before = now + ttl;
        UserSessionModel userSession = terms.sessionLimit();
        if (userSession != null) {
            long sessionEnd = SessionExpirationUtils.calculateUserSessionMaxLifespanTimestamp(
                    userSession.isOffline(), userSession.isRememberMe(), userSession.getStarted() * 1000L, realm) / 1000;
            if (sessionEnd > 0) {
                before = Math.min(before, sessionEnd);
            }
        }
        if (before <= now) {
            throw SignRefusal.forbidden("session_ending", "Your login session is ending; log in again.");
        }
        return new Validity(now - BACKDATE_SECONDS, before);
    }
}
