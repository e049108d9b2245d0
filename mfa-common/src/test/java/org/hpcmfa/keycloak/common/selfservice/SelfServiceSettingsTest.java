package org.hpcmfa.keycloak.common.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SelfServiceSettingsTest {

    @Test
    void blankOrUnreadableValuesMeanTheSecureDefaults() {
        assertEquals(SelfServiceSettings.DEFAULTS, SelfServiceSettings.from(Map.<String, String>of()::get));
        assertEquals(SelfServiceSettings.DEFAULTS, SelfServiceSettings.from(Map.of(
                SelfServiceSettings.ALLOWED_CLIENTS, " ", SelfServiceSettings.MAX_AUTH_AGE, "ten")::get));
        assertEquals(Set.of("mfa-cli", "ssh-cli"), SelfServiceSettings.DEFAULTS.allowedClients());
        assertEquals(600, SelfServiceSettings.DEFAULTS.maxAuthAgeSeconds());
    }

    @Test
    void clientsAreSeparatedBySpacesOrCommasAndNumbersClampedToTheirRange() {
        SelfServiceSettings s = SelfServiceSettings.from(Map.of(SelfServiceSettings.ALLOWED_CLIENTS, "a, b  c",
                SelfServiceSettings.MAX_AUTH_AGE, "1", SelfServiceSettings.ENROLMENT_SECONDS, "999999",
                SelfServiceSettings.HOURLY_LIMIT, "3")::get);
        assertEquals(Set.of("a", "b", "c"), s.allowedClients());
        assertEquals(SelfServiceSettings.MIN_AUTH_AGE, s.maxAuthAgeSeconds());
        assertEquals(SelfServiceSettings.MAX_ENROLMENT, s.enrolmentSeconds());
        assertEquals(3, s.hourlyLimit());
    }
}
