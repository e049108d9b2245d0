package org.hpcmfa.keycloak.common.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClockSkewTest {

    @Test
    void minutesAreRoundedAndNeverZero() {
        assertEquals(1, new ClockSkew("c", 60).minutes());
        assertEquals(1, new ClockSkew("c", -89).minutes());
        assertEquals(5, new ClockSkew("c", 300).minutes());
        assertEquals(5, new ClockSkew("c", 270).minutes(), "4.5 minutes read as about 5");
        assertEquals(7, new ClockSkew("c", -420).minutes());
    }

    @Test
    void oneMinuteHasItsOwnSentence() {
        assertEquals(ClockSkew.MSG_ONE_MINUTE, new ClockSkew("c", 60).messageKey());
        assertEquals(ClockSkew.MSG_MINUTES, new ClockSkew("c", 120).messageKey());
        assertEquals(List.of("3"), new ClockSkew("c", -180).messageParameters());
        assertEquals("-180", new ClockSkew("c", -180).eventDetailValue());
    }

    @Test
    void settingsDefaultClampAndUseTheirPrefix() {
        assertEquals(ClockSkewSettings.DEFAULTS, ClockSkewSettings.from(Map.<String, String>of()::get, ""));
        assertEquals(new ClockSkewSettings(false, 3600), ClockSkewSettings.from(
                Map.of("totp-clock-skew-hint", "false", "totp-clock-skew-max-seconds", "99999")::get, ""));
        assertEquals(new ClockSkewSettings(true, 60), ClockSkewSettings.from(
                Map.of("terminal-totp-clock-skew-max-seconds", "5")::get, "terminal-"));
        assertEquals(600, ClockSkewSettings.from(Map.of("totp-clock-skew-max-seconds", "ten")::get, "").maxSkewSeconds());
        assertFalse(ClockSkewSettings.from(Map.of("terminal-totp-clock-skew-hint", "false")::get, "terminal-").hint());
        assertEquals(List.of("terminal-totp-clock-skew-hint", "terminal-totp-clock-skew-max-seconds"),
                ClockSkewSettings.properties("terminal-", "Terminal prompt: ").stream().map(p -> p.getName()).toList());
    }
}
