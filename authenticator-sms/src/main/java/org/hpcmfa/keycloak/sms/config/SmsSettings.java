package org.hpcmfa.keycloak.sms.config;

import java.util.Optional;
import java.util.stream.Stream;

import org.hpcmfa.keycloak.sms.SmsAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The realm's SMS settings where no single execution runs (enrolment, the terminal set-up) or where the running
 * one names no gateway: the first enabled SMS execution of the realm that names a gateway. One place to configure
 * the gateway, however many flows ask for SMS codes.
 */
public final class SmsSettings {

    private SmsSettings() {
    }

    /** The realm's gateway execution's settings, if any execution names a gateway. */
    public static Optional<SmsConfig> ofRealm(RealmModel realm) {
        return configs(realm).filter(SmsConfig::hasGateway).findFirst();
    }

    /** The settings a running execution uses: its own rules; its gateway, or the realm's when it names none. */
    public static SmsConfig forExecution(RealmModel realm, AuthenticatorConfigModel model) {
        SmsConfig own = SmsConfig.from(model);
        if (own.hasGateway()) {
            return own;
        }
        return ofRealm(realm).map(r -> new SmsConfig(own.rules(), r.gateway(), r.settings())).orElse(own);
    }

    /** The settings of set-ups: the gateway execution's, or the defaults (then no gateway: SMS is not offered). */
    public static SmsConfig forSetup(RealmModel realm) {
        return ofRealm(realm).orElse(SmsConfig.from(java.util.Map.of()));
    }

    private static Stream<SmsConfig> configs(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> SmsAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> SmsConfig.from(e.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig())));
    }
}
