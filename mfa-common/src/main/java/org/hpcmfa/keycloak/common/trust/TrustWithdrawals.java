package org.hpcmfa.keycloak.common.trust;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Announces a {@link TrustWithdrawal} to every installed listener, in the caller's transaction. */
public final class TrustWithdrawals {

    private TrustWithdrawals() {
    }

    public static void announce(KeycloakSession session, RealmModel realm, UserModel user, TrustWithdrawal.Reason reason,
            String actor) {
        announce(session, new TrustWithdrawal(realm, user.getId(), user.getUsername(), reason, actor));
    }

    /** No listener catches anything: a failure must undo the withdrawing change too, never leave trust half-taken. */
    public static void announce(KeycloakSession session, TrustWithdrawal withdrawal) {
        session.getAllProviders(TrustWithdrawnListener.class).forEach(listener -> listener.trustWithdrawn(withdrawal));
    }

    /** As {@link #announce}; returns how many things the listeners took back (certificates revoked). */
    public static int announceCounting(KeycloakSession session, RealmModel realm, UserModel user,
            TrustWithdrawal.Reason reason, String actor) {
        TrustWithdrawal withdrawal = new TrustWithdrawal(realm, user.getId(), user.getUsername(), reason, actor);
        return session.getAllProviders(TrustWithdrawnListener.class).stream()
                .mapToInt(listener -> listener.takeBack(withdrawal)).sum();
    }
}
