package org.hpcmfa.keycloak.recoverycodes.codes;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * The realm's recovery-code settings: the settings of the required action that issues the codes (Authentication,
 * Required actions, "Recovery codes", gear icon), so they sit beside the action they govern.
 */
public record RecoveryCodeSettings(int count, int warnAt) {

    public static final String ACTION_ID = "hpc-recovery-codes";
    public static final String COUNT = "count";
    public static final String WARN_AT = "warn-at";

    public static final int DEFAULT_COUNT = 12;
    public static final int MIN_COUNT = 4;
    public static final int MAX_COUNT = 50;
    public static final int DEFAULT_WARN_AT = 3;

    public static RecoveryCodeSettings of(RealmModel realm) {
        Map<String, String> config = new HashMap<>();
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(ACTION_ID);
        if (action != null && action.getConfig() != null) {
            config.putAll(action.getConfig());
        }
        RequiredActionConfigModel saved = realm.getRequiredActionConfigByAlias(ACTION_ID);
        if (saved != null && saved.getConfig() != null) {
            config.putAll(saved.getConfig());
        }
        return from(config);
    }

    /** Unset, blank or unreadable values take the defaults; numbers are kept within their ranges. */
    public static RecoveryCodeSettings from(Map<String, String> config) {
        int count = clamp(number(config.get(COUNT), DEFAULT_COUNT), MIN_COUNT, MAX_COUNT);
        int warnAt = clamp(number(config.get(WARN_AT), DEFAULT_WARN_AT), 0, count - 1);
        return new RecoveryCodeSettings(count, warnAt);
    }

    /** Whether this many remaining codes deserve a warning. */
    public boolean low(int remaining) {
        return remaining <= warnAt;
    }

    private static int number(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException unreadable) {
            return fallback;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
