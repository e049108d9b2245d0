package org.hpcmfa.keycloak.sms.gateway;

/**
 * One text message for a gateway: the E.164 number, the text in the person's language, and its parts for gateways
 * whose body templates want them separately ({@code code}, the realm's display name).
 */
public record SmsMessage(String to, String text, String code, String realm) {
}
