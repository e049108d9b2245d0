package org.hpcmfa.keycloak.registrationtoken.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.userprofile.ValidationException;

class RegistrationTokenSettingsTest {

    @Test
    void noConfigMeansTheSeedsRules() {
        RegistrationTokenSettings s = RegistrationTokenSettings.from(Map.of());
        assertEquals(7, s.tokenValidityDays());
        assertEquals(7 * 86_400L, s.tokenValiditySeconds());
        assertFalse(s.autoIssue());
        assertFalse(s.keepTokenUntilEnrolled());
        assertNull(s.portalUrl());
        assertTrue(s.suggestSecondFactor());
    }

    @Test
    void badValuesAreRefusedWhenSavedAndClampedWhenRead() {
        assertThrows(ValidationException.class, () -> RegistrationTokenSettings.validate(Map.of("token-validity-days", "0")));
        assertThrows(ValidationException.class, () -> RegistrationTokenSettings.validate(Map.of("token-validity-days", "x")));
        assertThrows(ValidationException.class, () -> RegistrationTokenSettings.validate(Map.of("portal-url", "javascript:alert(1)")));
        assertDoesNotThrow(() -> RegistrationTokenSettings.validate(Map.of("token-validity-days", "30",
                "portal-url", "https://mfa.example.org/")));
        assertEquals(365, RegistrationTokenSettings.from(Map.of("token-validity-days", "9999")).tokenValidityDays());
    }

    @Test
    void everySettingHasAHelpText() {
        RegistrationTokenSettings.properties().forEach(p -> assertFalse(p.getHelpText().isBlank(), p.getName()));
    }
}
