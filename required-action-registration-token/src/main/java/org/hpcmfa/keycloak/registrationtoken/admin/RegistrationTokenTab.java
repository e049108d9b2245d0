package org.hpcmfa.keycloak.registrationtoken.admin;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.console.ConsoleAdmin;
import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.hpcmfa.keycloak.common.console.ConsoleMessages;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * A "Registration token" tab on each user in the admin console: switch on "Issue registration token" and click
 * Save (the lost-phone reset has its own tab, from account-recovery). Keycloak stores the form as one component
 * per realm and validates it before storing; that validation runs the action through
 * {@link RegistrationTokenAdminResource}, so it checks the same permissions, sends the same mail and writes the
 * same events as the REST endpoint. The switch is stored off again (an import of the realm must never repeat an
 * action), and "Last action" says what was done, to whom.
 */
public class RegistrationTokenTab extends ConsoleTab {

    public static final String ID = "hpc-registration-token-tab";
    static final String ISSUE = "hpcIssueToken";
    static final String LAST_ACTION = "hpcLastAction";

    public RegistrationTokenTab() {
        super(ID, USER_PAGE, CredentialTypes.REGISTRATION_TOKEN, "required-action-registration-token.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return userActionForm(ISSUE, "required-action-registration-token.consoleIssueToken",
                "required-action-registration-token.consoleIssueTokenHelp", LAST_ACTION,
                "required-action-registration-token.consoleLastAction",
                "required-action-registration-token.consoleLastActionHelp");
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        boolean issue = takeSwitch(model, ISSUE);
        if (!issue) {
            return;
        }
        UserPageSave save = userPageSave(session, realm, model).orElse(null);
        if (save == null) {
            return; // an import or a save outside a user's page: nothing to act on
        }
        ConsoleAdmin admin = save.admin();
        String userId = save.userId();
        ConsoleMessages messages = ConsoleMessages.forAdmin(session, admin.auth().getUser());
        RegistrationTokenAdminResource rest = new RegistrationTokenAdminResource(session, realm, admin.permissions(),
                admin.events(RegistrationTokenAdminResourceProviderFactory.ID, "users", userId));
        // Always mailed: a token shown here would be stored in the form for every realm viewer to read.
        Map<?, ?> body = requireOk(rest.issueForUser(userId, true));
        UserModel user = session.users().getUserById(realm, userId);
        String until = ConsoleMessages.when(((Number) body.get("expiresAt")).longValue());
        String now = ConsoleMessages.when(Time.currentTime());
        model.put(LAST_ACTION, messages.format("required-action-registration-token.consoleTokenIssued", now,
                user.getUsername(), user.getEmail(), until));
    }
}
