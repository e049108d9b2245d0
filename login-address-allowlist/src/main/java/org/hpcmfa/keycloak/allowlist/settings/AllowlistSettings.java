package org.hpcmfa.keycloak.allowlist.settings;

import java.util.function.Function;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.models.RealmModel;

/**
 * The allow-list's settings: whether logins record addresses at all, for how many days an address stays allowed
 * after its last two-factor login, how many addresses one person keeps, and which realm role a firewall client
 * needs to read the list. Set in Realm settings, "Login address allow-list" tab ({@link AllowlistSettingsTab}).
 *
 * <p>Off by default: an allow-list opens a firewall, so a realm asks for it. 90 days as VSC's firewall page; at
 * most 10 addresses per person (home, office, phone tethering, a conference or two).
 */
public record AllowlistSettings(boolean enabled, int days, int maxPerUser, String firewallRole) {

    public static final String ENABLED = "login-address-enabled";
    public static final String DAYS = "login-address-days";
    public static final String MAX_PER_USER = "login-address-max-per-user";
    public static final String FIREWALL_ROLE = "login-address-firewall-role";

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;
    public static final int MIN_PER_USER = 1;
    public static final int MAX_PER_USER_LIMIT = 100;

    public static final AllowlistSettings DEFAULTS = new AllowlistSettings(false, 90, 10, "firewall-sync");

    /** The realm's settings: the tab's once saved, else the defaults. */
    public static AllowlistSettings of(RealmModel realm) {
        return AllowlistSettingsTab.stored(realm).map(AllowlistSettings::from).orElse(DEFAULTS);
    }

    /** {@code config} maps a key to its raw value (null when absent); blank and unreadable values mean the default. */
    public static AllowlistSettings from(Function<String, String> config) {
        String role = config.apply(FIREWALL_ROLE);
        return new AllowlistSettings(
                ConfigValues.bool(config.apply(ENABLED), DEFAULTS.enabled),
                ConfigValues.intValue(config.apply(DAYS), DEFAULTS.days, MIN_DAYS, MAX_DAYS),
                ConfigValues.intValue(config.apply(MAX_PER_USER), DEFAULTS.maxPerUser, MIN_PER_USER, MAX_PER_USER_LIMIT),
                role == null || role.isBlank() ? DEFAULTS.firewallRole : role.trim());
    }

    /** The oldest "last seen" that still counts at {@code now}. */
    public long allowedSince(long now) {
        return now - days * 86_400L;
    }
}
