package org.hpcmfa.keycloak.common.selfservice;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * The realm's rules for the terminal {@code mfa} command (account API and removal by token): which clients' tokens
 * are accepted, how recent the sign-in must be to change factors, how long a set-up waits for its code, and how many
 * set-ups, codes, removal mails and regenerations a person may start per hour. Set in Realm settings, tab
 * "MFA command" (the account-api module's console tab, provider {@value #TAB_ID}); defaults without it.
 */
public record SelfServiceSettings(Set<String> allowedClients, int maxAuthAgeSeconds, int enrolmentSeconds,
        int hourlyLimit) {

    public static final String TAB_ID = "hpc-mfa-account-tab";
    public static final String ALLOWED_CLIENTS = "mfa-account-allowed-clients";
    public static final String MAX_AUTH_AGE = "mfa-account-max-auth-age-seconds";
    public static final String ENROLMENT_SECONDS = "mfa-account-enrolment-seconds";
    public static final String HOURLY_LIMIT = "mfa-account-hourly-limit";

    public static final int MIN_AUTH_AGE = 5;
    public static final int MAX_AUTH_AGE_LIMIT = 86400;
    public static final int MIN_ENROLMENT = 60;
    public static final int MAX_ENROLMENT = 3600;
    public static final int MIN_HOURLY = 1;
    public static final int MAX_HOURLY = 1000;

    public static final SelfServiceSettings DEFAULTS = new SelfServiceSettings(Set.of("mfa-cli", "ssh-cli"), 600, 600, 10);

    public static SelfServiceSettings of(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(c -> TAB_ID.equals(c.getProviderId())).findFirst()
                .map(c -> from(c.getConfig()::getFirst)).orElse(DEFAULTS);
    }

    /** Blank and unreadable values mean the default; numbers are clamped to their range. */
    public static SelfServiceSettings from(Function<String, String> config) {
        String clients = config.apply(ALLOWED_CLIENTS);
        Set<String> allowed = clients == null || clients.isBlank() ? DEFAULTS.allowedClients
                : Arrays.stream(clients.split("[,\\s]+")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
        return new SelfServiceSettings(allowed,
                ConfigValues.intValue(config.apply(MAX_AUTH_AGE), DEFAULTS.maxAuthAgeSeconds, MIN_AUTH_AGE, MAX_AUTH_AGE_LIMIT),
                ConfigValues.intValue(config.apply(ENROLMENT_SECONDS), DEFAULTS.enrolmentSeconds, MIN_ENROLMENT, MAX_ENROLMENT),
                ConfigValues.intValue(config.apply(HOURLY_LIMIT), DEFAULTS.hourlyLimit, MIN_HOURLY, MAX_HOURLY));
    }
}
