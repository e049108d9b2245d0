package org.hpcmfa.keycloak.push.enrol;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class PushSetupActionFactory implements RequiredActionFactory {

    public static final String ID = PushCredentialProvider.SETUP_ACTION;
    static final String TTL_MINUTES = "qr-ttl-minutes";

    private static final PushSetupAction ACTION = new PushSetupAction();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Set up push approval";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    /** Minutes a QR code can be scanned; the app deletes an enrolment it could not finish in that time. */
    static int ttlMinutes(RealmModel realm) {
        RequiredActionConfigModel model = realm.getRequiredActionConfigByAlias(ID);
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return ConfigValues.intValue(config.get(TTL_MINUTES), 10, 1, 60);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(TTL_MINUTES).label("QR code validity (minutes)")
                .helpText("How long the enrolment QR code can be scanned, 1 to 60. After that the page shows a new one.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10").add()
                .build();
    }

    @Override
    public boolean isConfigurable() {
        return true;
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
