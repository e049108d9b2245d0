package org.hpcmfa.keycloak.common.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;
import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.rest.JsonErrors;

/**
 * A tab of the pack in the admin console (Keycloak's declarative UI): where it is shown, its help text, and the
 * stateless factory plumbing every tab shares. Keycloak stores a tab's form as one component per realm and calls
 * {@code validateConfiguration} before storing it, so a tab that acts (issue a token, reset a lost phone, revoke a
 * certificate) does its work there and answers in the stored form.
 */
public abstract class ConsoleTab implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    /** A tab on each user's page; the console adds the user's id to the saved form as {@link #USER_ID}. */
    protected static final String USER_PAGE = "/:realm/users/:id/:tab";
    /** A tab of Realm settings. */
    protected static final String REALM_SETTINGS = "/:realm/realm-settings/:tab";
    /** The page's user on a {@link #USER_PAGE} tab: a URL parameter the console adds to the saved form. */
    public static final String USER_ID = "id";

    private final String id;
    private final String path;
    private final String tab;
    private final String helpText;

    protected ConsoleTab(String id, String path, String tab, String helpText) {
        this.id = id;
        this.path = path;
        this.tab = tab;
        this.helpText = helpText;
    }

    /** The admin and the user of a save on a user's page. */
    public record UserPageSave(ConsoleAdmin admin, String userId) {
    }

    /**
     * The admin and user behind a save of a {@link #USER_PAGE} tab; empty for an import or a save outside a user's
     * page, where there is nothing to act on.
     */
    protected static Optional<UserPageSave> userPageSave(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String userId = model.get(USER_ID);
        return userId == null ? Optional.empty() : ConsoleAdmin.of(session, realm).map(a -> new UserPageSave(a, userId));
    }

    /**
     * The form of a tab that acts once per Save on a user's page: a switch, the outcome of the last action, and the
     * page's user. Labels and help texts are message keys, spelled out by the caller so the bundle test sees them.
     */
    protected static List<ProviderConfigProperty> userActionForm(String switchName, String switchLabel,
            String switchHelp, String lastActionName, String lastActionLabel, String lastActionHelp) {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(switchName).label(switchLabel).helpText(switchHelp)
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build());
        properties.add(ConsoleForm.output(lastActionName, lastActionLabel, lastActionHelp));
        properties.add(ConsoleForm.pageParameter(USER_ID));
        return properties;
    }

    /** Whether the switch was on; it is stored off again, so an import of the realm never repeats the action. */
    /**
     * A save of a realm-settings form through the admin API's components endpoint (the console's Save, kcadm);
     * false for a start-up import, which has no admin, so a realm file with a setting that needs an object the
     * import has not created yet still loads.
     */
    protected static boolean savedByAnAdmin(KeycloakSession session, RealmModel realm) {
        if (ConsoleAdmin.of(session, realm).isEmpty()) {
            return false;
        }
        var uri = session.getContext().getUri();
        return uri != null && uri.getPath().contains("/components");
    }

    /** The setting's value trimmed (and stored trimmed), or null when empty. */
    protected static String trimmed(ComponentModel model, String key) {
        String value = model.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        model.put(key, value.trim());
        return value.trim();
    }

    /**
     * Refuses a whole number setting outside {@code min..max} with the form's message {@code messageKey}
     * ({0} the value, {1} min, {2} max); an empty setting keeps its default.
     */
    protected static void requireRange(ComponentModel model, String key, int min, int max, String messageKey) {
        String value = trimmed(model, key);
        if (value == null) {
            return;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as out of range
        }
        throw new ComponentValidationException(messageKey, value, min, max);
    }

    protected static boolean takeSwitch(ComponentModel model, String switchName) {
        boolean on = ConfigValues.bool(model.get(switchName), false);
        model.put(switchName, false);
        return on;
    }

    /** The user of a save, refused with a message in the console when the id names nobody. */
    protected static UserModel existingUser(KeycloakSession session, RealmModel realm, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw new ComponentValidationException("mfa-common.consoleRefused", "No user with id " + userId);
        }
        return user;
    }

    /** The answer of the REST endpoint a tab acts through; its error sentence becomes the console's message. */
    protected static Map<?, ?> requireOk(Response reply) {
        if (reply.getStatus() != 200) {
            throw new ComponentValidationException("mfa-common.consoleRefused", JsonErrors.description(reply));
        }
        return reply.getEntity() instanceof Map<?, ?> body ? body : Map.of();
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getPath() {
        return path;
    }

    @Override
    public final Map<String, String> getParams() {
        return Map.of("tab", tab);
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public UiTabProvider create(KeycloakSession session) {
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
