package org.hpcmfa.keycloak.accountrecovery.census;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.accountrecovery.admin.AccountRecoveryAdminResource;
import org.hpcmfa.keycloak.common.console.ConsoleAdmin;
import org.hpcmfa.keycloak.common.console.ConsoleForm;
import org.hpcmfa.keycloak.common.console.ConsoleMessages;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * "Factor census" in the admin console's left menu (Configure section): each item is a census taken when the
 * admin clicks "Create item" and Save (and retaken on every later Save of that item). The list shows when each
 * was taken, how many users there were and how many have no second factor; an item shows the users per
 * credential type and who has no factor. The numbers come from the REST endpoint's own code
 * ({@link AccountRecoveryAdminResource#factors}), with its permission check (view users).
 */
public class FactorCensusPage implements UiPageProvider, UiPageProviderFactory<ComponentModel> {

    public static final String ID = "hpc-factor-census";
    static final String TAKEN_AT = "hpcCensusTakenAt";
    static final String USERS = "hpcCensusUsers";
    static final String WITHOUT = "hpcCensusWithout";
    static final String PER_TYPE = "hpcCensusPerType";
    static final String WITHOUT_LIST = "hpcCensusWithoutList";
    /** As many users without a factor as a form can sensibly show; the REST endpoint pages through them all. */
    static final int LISTED = 200;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "account-recovery.censusHelp";
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(TAKEN_AT, USERS, WITHOUT));
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of(
                output(TAKEN_AT, "account-recovery.censusTakenAt", "account-recovery.censusTakenAtHelp"),
                output(USERS, "account-recovery.censusUsers", "account-recovery.censusUsersHelp"),
                output(WITHOUT, "account-recovery.censusWithout", "account-recovery.censusWithoutHelp"),
                ConsoleForm.output(PER_TYPE, "account-recovery.censusPerType", "account-recovery.censusPerTypeHelp"),
                ConsoleForm.output(WITHOUT_LIST, "account-recovery.censusWithoutList", "account-recovery.censusWithoutListHelp"));
    }

    /** A one-line result: shown in the list of censuses too. */
    private static ProviderConfigProperty output(String name, String label, String helpText) {
        ProviderConfigProperty property = ConsoleForm.output(name, label, helpText);
        property.setType(ProviderConfigProperty.STRING_TYPE);
        return property;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        ConsoleAdmin admin = ConsoleAdmin.of(session, realm).orElse(null);
        if (admin == null) {
            return; // an import keeps the census as it was taken
        }
        Map<String, Object> census = new AccountRecoveryAdminResource(session, realm, admin.permissions(),
                admin.events()).factors(new CensusPagination(0, LISTED));
        ConsoleMessages messages = ConsoleMessages.forAdmin(session, admin.auth().getUser());
        model.put(TAKEN_AT, ConsoleMessages.when(Time.currentTime()));
        model.put(USERS, String.valueOf(census.get("users")));
        model.put(WITHOUT, String.valueOf(census.get("usersWithoutSecondFactor")));
        model.put(PER_TYPE, ((Map<String, Long>) census.get("usersPerCredentialType")).entrySet().stream()
                .map(e -> messages.textOr("themes.credentialType." + e.getKey(), e.getKey()) + " (" + e.getKey() + "): " + e.getValue())
                .collect(Collectors.joining("\n")));
        model.put(WITHOUT_LIST, ((List<Map<String, String>>) census.get("withoutSecondFactor")).stream()
                .map(u -> u.get("email") == null ? u.get("username") : u.get("username") + " <" + u.get("email") + ">")
                .collect(Collectors.joining("\n")));
    }

    @Override
    public UiPageProvider create(KeycloakSession session) {
        return this;
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
