package org.hpcmfa.keycloak.allowlist.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.console.ConsoleAdmin;
import org.hpcmfa.keycloak.common.console.ConsoleForm;
import org.hpcmfa.keycloak.common.console.ConsoleMessages;
import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * A "Login addresses" tab on each user in the admin console. Save lists the user's allowed addresses; with an
 * address in "Remove address", Save first removes it through {@link LoginAddressesAdminResource#remove}, the REST
 * endpoint's own code: same permission check, same admin event. The address is stored empty again, so a realm
 * import never removes anything.
 */
public class LoginAddressesTab extends ConsoleTab {

    public static final String ID = "hpc-login-addresses-tab";
    static final String REMOVE = "hpcLoginAddressRemove";
    static final String LISTING = "hpcLoginAddresses";

    public LoginAddressesTab() {
        super(ID, USER_PAGE, "login-addresses", "login-address-allowlist.consoleUserTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(REMOVE).label("login-address-allowlist.consoleRemoveAddress")
                .helpText("login-address-allowlist.consoleRemoveAddressHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build());
        properties.add(ConsoleForm.output(LISTING, "login-address-allowlist.consoleAddresses",
                "login-address-allowlist.consoleAddressesHelp"));
        properties.add(ConsoleForm.pageParameter(USER_ID));
        return properties;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String address = model.get(REMOVE);
        model.put(REMOVE, "");
        UserPageSave save = userPageSave(session, realm, model).orElse(null);
        if (save == null) {
            return; // an import or a save outside a user's page
        }
        ConsoleAdmin admin = save.admin();
        UserModel user = existingUser(session, realm, save.userId());
        LoginAddressesAdminResource resource = new LoginAddressesAdminResource(session, realm, admin.permissions(),
                admin.events("login-addresses", "users", user.getId()));
        Map<?, ?> answer = address == null || address.isBlank()
                ? requireOk(resource.list(user.getId()))
                : requireOk(resource.remove(user.getId(), address.trim()));
        ConsoleMessages messages = ConsoleMessages.forAdmin(session, admin.auth().getUser());
        List<?> rows = answer.get("addresses") instanceof List<?> list ? list : List.of();
        String lines = rows.isEmpty() ? messages.format("login-address-allowlist.consoleNoAddresses") : rows.stream()
                .map(r -> (Map<?, ?>) r)
                .map(r -> messages.format("login-address-allowlist.consoleAddressLine", r.get("address"),
                        r.get("lastSeen"), r.get("allowedUntil"), r.get("source")))
                .collect(Collectors.joining("\n"));
        model.put(LISTING, messages.format("login-address-allowlist.consoleAddressesOf", user.getUsername(),
                ConsoleMessages.when(Time.currentTime())) + "\n" + lines);
    }
}
