package org.hpcmfa.keycloak.it.sms;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

/** What a realm admin sets for SMS codes in these tests, through the admin REST API; and people with a phone. */
public final class SmsAdmin {

    /** The secret the webhook's header names as ${vault.sms-token}, in Keycloak's file vault. */
    static final String VAULT_SECRET = "vault-secret-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

    private SmsAdmin() {
    }

    /** The demo flow's SMS execution, sending through {@code gateway}'s webhook, changed by {@code overrides}. */
    public static void configure(RealmResource realm, FakeSmsGateway gateway, Map<String, String> overrides) {
        AuthenticationExecutionInfoRepresentation execution = realm.flows().getExecutions("mfa-browser-second-factor")
                .stream().filter(e -> "hpc-sms".equals(e.getProviderId())).findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        Map<String, String> values = new HashMap<>(Map.of(
                "gateway", "webhook",
                "webhook-url", gateway.url("/sms"),
                "webhook-method", "POST",
                "webhook-content-type", "application/json",
                "webhook-headers", "Authorization: Bearer ${vault.sms-token}##X-Site: hpc-it",
                "webhook-body", "{\"to\": \"{to}\", \"text\": \"{text}\", \"code\": \"{code}\"}",
                "resend-cooldown-seconds", "0",
                "max-sms-per-hour", "20"));
        values.putAll(overrides);
        config.setConfig(values);
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    public static void writeVaultSecret(String realmName) throws IOException {
        Files.writeString(PackServerConfig.VAULT_DIR.resolve(realmName + "_sms-token"), VAULT_SECRET);
    }

    public static String newPhone() {
        return "+3247" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    /**
     * A person with a password and a proven phone (as the set-up stores it). The address is unverified, so email
     * codes are not among the person's factors and every code is texted.
     */
    static String userWithPhone(RealmResource realm, String prefix, String phone) {
        CredentialRepresentation sms = new CredentialRepresentation();
        sms.setType("hpc-sms");
        sms.setUserLabel("+32 *** *** " + phone.substring(phone.length() - 2));
        sms.setCredentialData("{\"phone\":\"" + phone + "\"}");
        sms.setSecretData("{}");
        return TestUsers.create(realm, prefix, "example.org", false, List.of(sms));
    }

    static List<EventRepresentation> events(RealmResource realm, String userId, String... types) {
        return realm.getEvents(List.of(types), null, userId, null, null, null, 0, 100);
    }
}
