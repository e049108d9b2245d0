package org.hpcmfa.keycloak.passwordotp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.hpcmfa.keycloak.common.totp.ClockSkewSettings;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class PasswordOtpConfigTest {

    private static AuthenticatorConfigModel model(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }

    @Test
    void noConfigMeansTheSecureDefaults() {
        assertEquals(PasswordOtpConfig.DEFAULTS, PasswordOtpConfig.from(null));
        assertEquals(PasswordOtpConfig.DEFAULTS, PasswordOtpConfig.from(model(Map.of())));
        assertTrue(PasswordOtpConfig.DEFAULTS.requireOtp(), "users who have OTP must give the code");
        assertEquals(ClockSkewSettings.DEFAULTS, PasswordOtpConfig.DEFAULTS.clockSkew());
    }

    @Test
    void settingsAreReadAndClamped() {
        PasswordOtpConfig config = PasswordOtpConfig.from(model(Map.of("require-otp", "false",
                "totp-clock-skew-hint", "false", "totp-clock-skew-max-seconds", "5")));
        assertFalse(config.requireOtp());
        assertFalse(config.clockSkew().hint());
        assertEquals(60, config.clockSkew().maxSkewSeconds());
    }

    @Test
    void everySettingHasAHelpText() {
        assertEquals(3, PasswordOtpConfig.properties().size());
        PasswordOtpConfig.properties().forEach(p -> assertTrue(p.getHelpText() != null && p.getHelpText().length() > 40, p.getName()));
    }

    @Test
    void typedCodesLoseTheirSpaces() {
        assertEquals("123456", OtpCodes.normalise(" 123 456 "));
        assertEquals("", OtpCodes.normalise(null));
    }
}
