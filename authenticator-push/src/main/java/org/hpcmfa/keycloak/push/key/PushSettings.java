package org.hpcmfa.keycloak.push.key;

import java.util.List;
import java.util.Optional;

import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Realm-wide push settings, kept on the realm's "privacyIDEA push signing key" component because the phone's
 * endpoints (rollout, poll, answer) serve every flow of the realm. Absent component or value: secure defaults.
 */
public record PushSettings(int maxPollsPerMinute, String appUrl, boolean sslVerify, String fcmServiceAccount,
        String fcmBaseUrl, String fcmTokenUri) {

    public static final String MAX_POLLS = "max-polls-per-minute";
    public static final String APP_URL = "app-url";
    public static final String SSL_VERIFY = "ssl-verify";
    public static final String FCM_SERVICE_ACCOUNT = "fcm-service-account";
    public static final String FCM_BASE_URL = "fcm-base-url";
    public static final String FCM_TOKEN_URI = "fcm-token-uri";

    public static final String DEFAULT_FCM_BASE_URL = "https://fcm.googleapis.com";

    public static PushSettings of(RealmModel realm) {
        Optional<ComponentModel> component = realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> PushSigningKeyProviderFactory.ID.equals(c.getProviderId())).findFirst();
        return component.map(PushSettings::from).orElse(new PushSettings(30, "", true, "", DEFAULT_FCM_BASE_URL, ""));
    }

    static PushSettings from(ComponentModel c) {
        return new PushSettings(
                clamp(c.get(MAX_POLLS, 30), 1, 600),
                c.get(APP_URL, "").trim(),
                c.get(SSL_VERIFY, true),
                c.get(FCM_SERVICE_ACCOUNT, "").trim(),
                blankTo(c.get(FCM_BASE_URL, ""), DEFAULT_FCM_BASE_URL),
                c.get(FCM_TOKEN_URI, "").trim());
    }

    public boolean fcmEnabled() {
        return !fcmServiceAccount.isEmpty();
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_POLLS).label("Polls per phone per minute")
                .helpText("How often one phone may ask for login requests. The app polls every 3 seconds when "
                        + "its automatic polling is on (20 a minute) and whenever it is opened.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("30").add()
                .property().name(APP_URL).label("Public URL for the app")
                .helpText("The address phones use to reach this realm's push endpoint, e.g. "
                        + "https://sso.example.org/realms/hpc/pipush. Empty: derived from the address the browser "
                        + "used. Set it when phones reach Keycloak under another name than the browsers do.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(SSL_VERIFY).label("App verifies TLS certificates")
                .helpText("Sent to the app in the QR code and every request. Off makes the app accept ANY "
                        + "certificate for this server: only for tests on a private network.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(FCM_SERVICE_ACCOUNT).label("FCM service account (JSON)")
                .helpText("Optional. A Google service-account key that may send through Firebase Cloud Messaging. "
                        + "The store app only receives messages from the app vendor's (NetKnights') Firebase "
                        + "project; with any other project, leave this empty: phones then poll.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(FCM_BASE_URL).label("FCM base URL")
                .helpText("Where FCM HTTP v1 requests go; change only for testing.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_FCM_BASE_URL).add()
                .property().name(FCM_TOKEN_URI).label("OAuth token URI for FCM")
                .helpText("Where the service account's access tokens come from. Empty: the token_uri of the "
                        + "service-account JSON.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build();
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
