package org.hpcmfa.keycloak.push.challenge;

import java.util.Locale;

/**
 * How the person shows that the request on the phone is the one they started (spec section 6.5). Both
 * {@link #NUMBER_MATCHING} and {@link #CODE_TO_PHONE} defeat a blind tap on a request someone else started;
 * {@link #APPROVE_ONLY} is privacyIDEA's standard mode, a single "Accept".
 */
public enum ApprovalMode {

    /** The page shows a number; the phone offers it among others (privacyIDEA "require_presence"). */
    NUMBER_MATCHING("number-matching"),
    /** The phone shows a 2-digit code after "Accept"; it is typed on the page or at the SSH prompt. */
    CODE_TO_PHONE("code-to-phone"),
    /** "Accept" alone approves. */
    APPROVE_ONLY("approve-only");

    private final String configValue;

    ApprovalMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The mode for a config value; null for anything unknown. */
    public static ApprovalMode fromConfig(String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ApprovalMode mode : values()) {
            if (mode.configValue.equals(wanted)) {
                return mode;
            }
        }
        return null;
    }
}
