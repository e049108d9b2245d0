package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "Disable two-factor login" (the University of Toronto journey): an application-initiated action
 * ({@code kc_action=hpc-disable-mfa}) that Keycloak only starts after the user entered their credentials again
 * (the action's maximum authentication age, 0 by default). It has two modes:
 * <ul>
 * <li><b>request</b>, started by the application: lists the second factors, mails a confirmation link on
 * request ({@link DisableMfaRequest});</li>
 * <li><b>confirm</b>, reached through that link ({@link DisableMfaActionTokenHandler}): shows what will be removed
 * and removes it when the button is pressed ({@link DisableMfaConfirmation}).</li>
 * </ul>
 * Realms enable it in Authentication, Required actions; realms that mandate MFA leave it disabled, and then
 * neither the start URL nor any mailed link does anything.
 */
public class DisableMfaAction implements RequiredActionProvider, RequiredActionFactory {

    public static final String ID = "hpc-disable-mfa";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Never triggered by Keycloak: only the application (kc_action) or the emailed link start it.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        PendingConfirmation link = PendingConfirmation.of(context.getAuthenticationSession());
        if (link != null) {
            DisableMfaConfirmation.challenge(context, link);
        } else {
            DisableMfaRequest.challenge(context);
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        PendingConfirmation link = PendingConfirmation.of(context.getAuthenticationSession());
        if (link != null) {
            DisableMfaConfirmation.process(context, link);
        } else {
            DisableMfaRequest.process(context);
        }
    }

    /**
     * Keycloak asks this before running the action from {@code kc_action}: a user session older than this many
     * seconds must log in again first. Our default is 0, so the credentials are asked every time.
     */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return DisableMfaSettings.of(session.getContext().getRealm()).maxAuthAgeSeconds();
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Disable two-factor login";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return DisableMfaSettings.properties();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        DisableMfaSettings.validate(model.getConfig() == null ? Map.of() : model.getConfig());
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return this;
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
