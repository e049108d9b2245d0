package org.hpcmfa.keycloak.allowlist.self;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddressEntity;
import org.junit.jupiter.api.Test;

/** Expiry as every reader applies it: an address counts while its last two-factor login is at most the days old. */
class AddressRowsTest {

    private static final long NOW = 1_800_000_000L;
    private static final long DAY = 86_400L;

    private static LoginAddressEntity seen(String address, long lastSeen) {
        LoginAddressEntity row = new LoginAddressEntity();
        row.setAddress(address);
        row.setFirstSeen(lastSeen - DAY);
        row.setLastSeen(lastSeen);
        row.setSource("browser");
        return row;
    }

    @Test
    void anAddressExpiresTheDaysAfterItsLastTwoFactorLogin() {
        AllowlistSettings ninety = AllowlistSettings.from(Map.of("login-address-enabled", "true")::get);
        List<LoginAddressEntity> rows = List.of(seen("192.0.2.1", NOW - 89 * DAY), seen("192.0.2.2", NOW - 90 * DAY),
                seen("192.0.2.3", NOW - 90 * DAY - 1));
        assertEquals(List.of("192.0.2.1", "192.0.2.2"),
                AddressRows.of(rows, ninety, NOW).stream().map(r -> r.get("address")).toList());
        AllowlistSettings one = AllowlistSettings.from(Map.of("login-address-enabled", "true",
                "login-address-days", "1")::get);
        assertEquals(List.of(), AddressRows.of(rows, one, NOW), "a shorter window drops them at once");
        long newYear2026 = 1_767_225_600L;
        assertEquals("2026-04-01 00:00 UTC", AddressRows.of(List.of(seen("192.0.2.1", newYear2026)), ninety,
                newYear2026).get(0).get("allowedUntil"));
    }

    @Test
    void theDefaultsAreOffNinetyDaysTenAddressesAndUnreadableValuesMeanTheDefault() {
        AllowlistSettings defaults = AllowlistSettings.from(Map.<String, String>of()::get);
        assertFalse(defaults.enabled());
        assertEquals(90, defaults.days());
        assertEquals(10, defaults.maxPerUser());
        assertEquals("firewall-sync", defaults.firewallRole());
        AllowlistSettings odd = AllowlistSettings.from(Map.of("login-address-days", "0",
                "login-address-max-per-user", "many")::get);
        assertEquals(1, odd.days(), "below the range: the minimum");
        assertEquals(10, odd.maxPerUser());
    }
}
