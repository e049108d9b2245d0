package org.hpcmfa.keycloak.passwordotp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The settings of one execution of the one-page form; without a saved config, the secure defaults. */
public record PasswordOtpConfig(boolean requireOtp, ClockSkewSettings clockSkew) {

    public static final String REQUIRE_OTP = "require-otp";

    public static final PasswordOtpConfig DEFAULTS = new PasswordOtpConfig(true, ClockSkewSettings.DEFAULTS);

    public static PasswordOtpConfig from(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new PasswordOtpConfig(ConfigValues.bool(c.get(REQUIRE_OTP), DEFAULTS.requireOtp),
                ClockSkewSettings.from(c::get, ""));
    }

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(REQUIRE_OTP).label("Require the code from users who have one")
                .helpText("On: a user with an authenticator app (OTP credential) must type its code with the "
                        + "password; an empty OTP field is answered with 'Enter the code from your authenticator app' "
                        + "(shown only after a correct password, as Keycloak's two-page login reveals too). Off: such "
                        + "users may leave the field empty and log in with the password alone (no second factor is "
                        + "recorded); a code they do type is still checked. Users without OTP always leave it empty; "
                        + "a code they type is ignored.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULTS.requireOtp)).add()
                .build());
        properties.addAll(ClockSkewSettings.properties("", ""));
        return properties;
    }
}
