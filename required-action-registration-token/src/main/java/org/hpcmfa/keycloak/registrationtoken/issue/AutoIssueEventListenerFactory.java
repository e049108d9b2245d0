package org.hpcmfa.keycloak.registrationtoken.issue;

import java.net.URI;

import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.hpcmfa.keycloak.registrationtoken.config.RegistrationTokenSettings;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Event listener "hpc-registration-token-auto-issue": when an admin creates a user (console, REST API,
 * kcadm.sh) in a realm whose setting "Issue tokens to new users automatically" is on, and the user has an
 * email address and no second factor, a registration token is issued and mailed. The issuing runs in its own
 * transaction after the user exists, so a failing mail never undoes the user's creation.
 */
public class AutoIssueEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "hpc-registration-token-auto-issue";
    private static final Logger LOG = Logger.getLogger(AutoIssueEventListenerFactory.class);

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.CREATE
                        && event.getResourcePath() != null && event.getResourcePath().startsWith("users/")) {
                    String userId = event.getResourcePath().substring("users/".length());
                    String adminId = event.getAuthDetails() == null ? null : event.getAuthDetails().getUserId();
                    issueLater(session, event.getRealmId(), userId, adminId);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private static void issueLater(KeycloakSession session, String realmId, String userId, String adminId) {
        URI baseUri = session.getContext().getUri().getBaseUri();
        // After the admin's transaction commits: the new user is visible, and our work cannot roll it back.
        session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm == null || !RegistrationTokenSettings.of(realm).autoIssue()) {
                        return;
                    }
                    s.getContext().setRealm(realm);
                    UserModel user = s.users().getUserById(realm, userId);
                    if (user == null || !user.isEnabled() || PermanentFactors.hasAny(user)
                            || user.getEmail() == null || user.getEmail().isBlank()) {
                        return;
                    }
                    try {
                        RegistrationTokenIssuer.issue(s, realm, user, adminId == null ? "auto" : "auto:" + adminId,
                                true, baseUri);
                    } catch (EnrolmentTokenIssuer.MailFailed e) {
                        s.getTransactionManager().setRollbackOnly();
                        LOG.warnf("Automatic registration token for user %s of realm %s not issued: %s", userId,
                                realm.getName(), e.getMessage());
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
