package org.hpcmfa.keycloak.emailotp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class EmailCodeConfigTest {

    @Test
    void noConfigMeansSecureDefaults() {
        EmailCodeConfig config = EmailCodeConfig.from(null);
        assertEquals(6, config.codeLength());
        assertEquals(600, config.codeTtlSeconds());
        assertEquals(5, config.maxAttempts());
        assertEquals(30, config.resendCooldownSeconds());
        assertEquals(10, config.maxMailsPerHour());
        assertFalse(config.allowUnverifiedEmail());
        assertTrue(config.allowedDomains().isEmpty());
    }

    @Test
    void valuesAreReadAndClampedAndGarbageFallsBack() {
        EmailCodeConfig config = EmailCodeConfig.from(model(Map.of(
                EmailCodeConfig.CODE_LENGTH, "12",
                EmailCodeConfig.CODE_TTL, "abc",
                EmailCodeConfig.MAX_ATTEMPTS, " 3 ",
                EmailCodeConfig.RESEND_COOLDOWN, "-5",
                EmailCodeConfig.ALLOW_UNVERIFIED_EMAIL, "true",
                EmailCodeConfig.ALLOWED_DOMAINS, "Mila.Quebec##*.example.org, other.test")));
        assertEquals(8, config.codeLength());
        assertEquals(600, config.codeTtlSeconds());
        assertEquals(3, config.maxAttempts());
        assertEquals(0, config.resendCooldownSeconds());
        assertTrue(config.allowUnverifiedEmail());
        assertEquals(List.of("mila.quebec", "*.example.org", "other.test"), config.allowedDomains());
    }

    @Test
    void minutesShownToUsersRoundUp() {
        assertEquals(10, EmailCodeConfig.DEFAULTS.codeTtlMinutes());
        assertEquals(2, EmailCodeConfig.from(model(Map.of(EmailCodeConfig.CODE_TTL, "90"))).codeTtlMinutes());
        assertEquals(1, EmailCodeConfig.from(model(Map.of(EmailCodeConfig.CODE_TTL, "3"))).codeTtlMinutes());
    }

    @Test
    void everyPropertyHasAHelpText() {
        EmailCodeConfig.properties().forEach(p -> assertFalse(p.getHelpText() == null || p.getHelpText().isBlank(), p.getName()));
        assertEquals(7, EmailCodeConfig.properties().size());
    }

    private static AuthenticatorConfigModel model(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(new java.util.HashMap<>(values));
        return model;
    }
}
