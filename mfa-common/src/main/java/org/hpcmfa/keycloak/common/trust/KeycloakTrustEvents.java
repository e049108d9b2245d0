package org.hpcmfa.keycloak.common.trust;

import java.util.Optional;

import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Reads Keycloak's own events for the changes that withdraw trust and announces them as {@link TrustWithdrawal}s:
 * an admin disabling a user (user update), signing out all of a user's sessions ({@code users/{id}/logout}) or
 * deleting a credential ({@code users/{id}/credentials/{id}}), and a user removing a credential in the Account
 * Console (REMOVE_CREDENTIAL). Keycloak calls listeners of successful events synchronously, before the request's
 * transaction commits, so whatever the listeners change commits or rolls back with the change itself.
 */
final class KeycloakTrustEvents implements EventListenerProvider {

    private final KeycloakSession session;

    KeycloakTrustEvents(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.REMOVE_CREDENTIAL || event.getError() != null || event.getUserId() == null
                || event.getDetails() == null) {
            return;
        }
        // A removal without a credential type (the disable-MFA confirmation names what it removed in details of
        // its own, and withdraws trust itself) is not ours; Set.of(...).contains(null) would throw.
        String type = event.getDetails().get(Details.CREDENTIAL_TYPE);
        if (type == null || !SecondFactors.TYPES.contains(type)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user != null && !SecondFactors.hasAny(user)) {
            TrustWithdrawals.announce(session, realm, user, TrustWithdrawal.Reason.LAST_SECOND_FACTOR_REMOVED,
                    "user:" + user.getId());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER || event.getError() != null || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length < 2 || !"users".equals(path[0])) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
        if (user == null) {
            return; // a deleted user is handled by the removal event itself
        }
        reason(event.getOperationType(), path, user).ifPresent(reason -> TrustWithdrawals.announce(session, realm, user,
                reason, "admin:" + (event.getAuthDetails() == null ? "unknown" : event.getAuthDetails().getUserId())));
    }

    private static Optional<TrustWithdrawal.Reason> reason(OperationType operation, String[] path, UserModel user) {
        if (operation == OperationType.UPDATE && path.length == 2 && !user.isEnabled()) {
            return Optional.of(TrustWithdrawal.Reason.USER_DISABLED);
        }
        if (operation == OperationType.ACTION && path.length == 3 && "logout".equals(path[2])) {
            return Optional.of(TrustWithdrawal.Reason.SESSIONS_SIGNED_OUT);
        }
        // The removed credential's type is gone with it: a user left without any second factor is the trigger.
        if (operation == OperationType.ACTION && path.length == 4 && "credentials".equals(path[2])
                && !SecondFactors.hasAny(user)) {
            return Optional.of(TrustWithdrawal.Reason.LAST_SECOND_FACTOR_REMOVED);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
