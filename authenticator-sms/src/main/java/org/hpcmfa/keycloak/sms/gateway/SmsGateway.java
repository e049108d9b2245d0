package org.hpcmfa.keycloak.sms.gateway;

import java.util.Map;

import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.keycloak.provider.Provider;

/**
 * Hands a text message to an SMS provider. {@code settings} are the admin's (the SMS execution's configuration);
 * values may name secrets in Keycloak's vault as {@code ${vault.key}}. A refusal or an unreachable gateway is a
 * {@link DeliveryFailure} whose reason names the HTTP status or the network error, never a secret or the code.
 */
public interface SmsGateway extends Provider {

    void send(SmsMessage message, Map<String, String> settings) throws DeliveryFailure;

    @Override
    default void close() {
    }
}
