package org.hpcmfa.keycloak.registrationtoken.issue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Issues tokens to many users, each in its own transaction, and says what happened to whom. */
public final class GroupOnboarding {

    public record Entry(String userId, String username, String reason) {
    }

    public record Report(List<Entry> issued, List<Entry> skipped, List<Entry> failed) {
    }

    private GroupOnboarding() {
    }

    public static Report run(KeycloakSessionFactory factory, String realmId, List<String> userIds, String issuedBy,
            URI baseUri) {
        List<Entry> issued = new ArrayList<>();
        List<Entry> skipped = new ArrayList<>();
        List<Entry> failed = new ArrayList<>();
        for (String userId : userIds) {
            try {
                KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    UserModel user = session.users().getUserById(realm, userId);
                    if (user == null) {
                        return null;
                    }
                    String why = skipReason(user);
                    if (why != null) {
                        skipped.add(new Entry(userId, user.getUsername(), why));
                        return null;
                    }
                    try {
                        RegistrationTokenIssuer.issue(session, realm, user, issuedBy, true, baseUri);
                        issued.add(new Entry(userId, user.getUsername(), null));
                    } catch (EnrolmentTokenIssuer.MailFailed e) {
                        session.getTransactionManager().setRollbackOnly();
                        failed.add(new Entry(userId, user.getUsername(), e.getMessage()));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                failed.add(new Entry(userId, null, "could not issue: " + e.getClass().getSimpleName()));
            }
        }
        return new Report(issued, skipped, failed);
    }

    static String skipReason(UserModel user) {
        if (!user.isEnabled()) {
            return "disabled";
        }
        if (PermanentFactors.hasAny(user)) {
            return "has_second_factor";
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return "no_email";
        }
        return null;
    }
}
