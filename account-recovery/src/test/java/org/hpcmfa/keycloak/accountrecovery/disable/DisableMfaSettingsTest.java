package org.hpcmfa.keycloak.accountrecovery.disable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;

class DisableMfaSettingsTest {

    @Test
    void noConfigMeansFifteenMinutesCredentialsEveryTimeAndVerifiedAddresses() {
        DisableMfaSettings s = DisableMfaSettings.from(Map.of());
        assertEquals(15, s.linkValidityMinutes());
        assertEquals(900, s.linkValiditySeconds());
        assertEquals(0, s.maxAuthAgeSeconds());
        assertFalse(s.allowUnverifiedEmail());
        assertEquals(DisableMfaSettings.DEFAULTS, s);
    }

    @Test
    void valuesAreReadAndClamped() {
        DisableMfaSettings s = DisableMfaSettings.from(Map.of("link-validity-minutes", " 5 ", "max_auth_age", "30",
                "allow-unverified-email", "true"));
        assertEquals(5, s.linkValidityMinutes());
        assertEquals(30, s.maxAuthAgeSeconds());
        assertTrue(s.allowUnverifiedEmail());
        assertEquals(1, DisableMfaSettings.from(Map.of("link-validity-minutes", "0")).linkValidityMinutes());
        assertEquals(1440, DisableMfaSettings.from(Map.of("link-validity-minutes", "100000")).linkValidityMinutes());
        assertEquals(15, DisableMfaSettings.from(Map.of("link-validity-minutes", "soon")).linkValidityMinutes());
        assertEquals(0, DisableMfaSettings.from(Map.of("max_auth_age", "-5")).maxAuthAgeSeconds());
    }

    @Test
    void badValuesAreRefusedWhenSaved() {
        assertThrows(ValidationException.class, () -> DisableMfaSettings.validate(Map.of("link-validity-minutes", "0")));
        assertThrows(ValidationException.class, () -> DisableMfaSettings.validate(Map.of("link-validity-minutes", "1441")));
        assertThrows(ValidationException.class, () -> DisableMfaSettings.validate(Map.of("link-validity-minutes", "x")));
        assertThrows(ValidationException.class, () -> DisableMfaSettings.validate(Map.of("max_auth_age", "-1")));
        assertDoesNotThrow(() -> DisableMfaSettings.validate(Map.of("link-validity-minutes", "15", "max_auth_age", "0",
                "allow-unverified-email", "false")));
        assertDoesNotThrow(() -> DisableMfaSettings.validate(Map.of("link-validity-minutes", "")));
    }

    @Test
    void everySettingHasAHelpTextAndKeycloaksMaxAuthAgeKeyIsAmongThem() {
        List<ProviderConfigProperty> properties = DisableMfaSettings.properties();
        properties.forEach(p -> assertFalse(p.getHelpText().isBlank(), p.getName()));
        assertTrue(properties.stream().anyMatch(p -> "max_auth_age".equals(p.getName()) && "0".equals(p.getDefaultValue())));
        assertTrue(properties.stream().anyMatch(p -> "link-validity-minutes".equals(p.getName())
                && "15".equals(p.getDefaultValue())));
    }
}
