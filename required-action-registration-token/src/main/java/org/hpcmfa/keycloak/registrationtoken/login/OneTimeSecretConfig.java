package org.hpcmfa.keycloak.registrationtoken.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Which permanent secrets the portal form accepts in its password field besides registration tokens, and the
 * clock-skew hint for refused TOTP codes.
 */
public record OneTimeSecretConfig(boolean acceptTotp, boolean acceptRecoveryCodes, ClockSkewSettings clockSkew) {

    public static final String ACCEPT_TOTP = "accept-totp";
    public static final String ACCEPT_RECOVERY_CODES = "accept-recovery-codes";

    public static OneTimeSecretConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OneTimeSecretConfig(
                Boolean.parseBoolean(c.getOrDefault(ACCEPT_TOTP, "true").trim()),
                Boolean.parseBoolean(c.getOrDefault(ACCEPT_RECOVERY_CODES, "true").trim()),
                ClockSkewSettings.from(c::get, ""));
    }

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(ACCEPT_TOTP).label("Accept a TOTP code")
                .helpText("After enrolment, users type a code of their authenticator app in the password field.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(ACCEPT_RECOVERY_CODES).label("Accept a recovery code")
                .helpText("Users who lost their phone type one of their recovery codes in the password field; "
                        + "each code works once.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build());
        properties.addAll(ClockSkewSettings.properties("", ""));
        return properties;
    }
}
