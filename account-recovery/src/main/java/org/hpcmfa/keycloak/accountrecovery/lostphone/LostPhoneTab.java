package org.hpcmfa.keycloak.accountrecovery.lostphone;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.accountrecovery.admin.AccountRecoveryAdminResource;
import org.hpcmfa.keycloak.accountrecovery.admin.AccountRecoveryAdminResourceProviderFactory;
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
 * A "Lost phone" tab on each user in the admin console: switch on "Lost-phone reset" and click Save. Keycloak
 * stores the form as one component per realm and validates it before storing; that validation runs the reset
 * through {@link AccountRecoveryAdminResource}, so it checks the same permissions, sends the same mail and writes
 * the same events as the REST endpoint. The switch is stored off again (an import of the realm must never repeat
 * a reset), and "Last action" says what was done, to whom.
 */
public class LostPhoneTab extends ConsoleTab {

    public static final String ID = "hpc-lost-phone-tab";
    static final String LOST_PHONE = "hpcLostPhone";
    static final String LAST_ACTION = "hpcLastAction";

    public LostPhoneTab() {
        super(ID, USER_PAGE, "lost-phone", "account-recovery.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return userActionForm(LOST_PHONE, "account-recovery.consoleLostPhone", "account-recovery.consoleLostPhoneHelp",
                LAST_ACTION, "account-recovery.consoleLastAction", "account-recovery.consoleLastActionHelp");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        boolean lostPhone = takeSwitch(model, LOST_PHONE);
        if (!lostPhone) {
            return;
        }
        UserPageSave save = userPageSave(session, realm, model).orElse(null);
        if (save == null) {
            return; // an import or a save outside a user's page: nothing to act on
        }
        ConsoleAdmin admin = save.admin();
        String userId = save.userId();
        ConsoleMessages messages = ConsoleMessages.forAdmin(session, admin.auth().getUser());
        AccountRecoveryAdminResource rest = new AccountRecoveryAdminResource(session, realm, admin.permissions(),
                admin.events(AccountRecoveryAdminResourceProviderFactory.ID, "users", userId, "lost-phone"));
        // Always mailed: a token shown here would be stored in the form for every realm viewer to read.
        Map<?, ?> body = requireOk(rest.lostPhone(userId, true));
        UserModel user = session.users().getUserById(realm, userId);
        String until = ConsoleMessages.when(((Number) body.get("expiresAt")).longValue());
        model.put(LAST_ACTION, messages.format("account-recovery.consoleLostPhoneDone", ConsoleMessages.when(Time.currentTime()),
                user.getUsername(), String.join(", ", (List<String>) body.get("removedCredentials")), user.getEmail(),
                until));
    }
}
