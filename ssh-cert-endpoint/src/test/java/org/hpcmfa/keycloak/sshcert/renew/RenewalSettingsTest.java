package org.hpcmfa.keycloak.sshcert.renew;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;

class RenewalSettingsTest {

    @Test
    void twelveHoursWithPushAndTotpByDefault() {
        RenewalSettings settings = RenewalSettings.from(new MultivaluedHashMap<>());
        assertEquals(43_200, settings.windowSeconds());
        assertEquals(List.of("hpc-push", "auth-otp-form"), settings.factors());
        assertTrue(settings.enabled());
    }

    @Test
    void aWindowOfZeroTurnsRenewalOffAnEmptiedFactorListMeansBoth() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(RenewalSettings.WINDOW, "0");
        assertFalse(RenewalSettings.from(config).enabled());
        config.putSingle(RenewalSettings.WINDOW, "3600");
        config.put(RenewalSettings.FACTORS, new java.util.ArrayList<>());
        assertEquals(RenewalSettings.DEFAULT_FACTORS, RenewalSettings.from(config).factors());
        config.putSingle(RenewalSettings.FACTORS, "");
        assertTrue(RenewalSettings.from(config).enabled());
    }

    @Test
    void consoleAndKcadmListsAreRead() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(RenewalSettings.FACTORS, "auth-otp-form##hpc-push");
        assertEquals(List.of("auth-otp-form", "hpc-push"), RenewalSettings.from(config).factors());
        config.putSingle(RenewalSettings.FACTORS, "hpc-push, auth-otp-form");
        assertEquals(List.of("hpc-push", "auth-otp-form"), RenewalSettings.from(config).factors());
    }

    @Test
    void anUnreadableOrHugeWindowFallsBackToSecureBounds() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(RenewalSettings.WINDOW, "a day");
        assertEquals(43_200, RenewalSettings.from(config).windowSeconds());
    }
}
