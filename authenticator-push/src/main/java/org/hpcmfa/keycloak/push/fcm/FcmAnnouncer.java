package org.hpcmfa.keycloak.push.fcm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.Failures;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Announces challenges through FCM HTTP v1 (spec section 9.1), each phone on its own: a phone whose token FCM
 * no longer knows (404, UNREGISTERED) is flagged and skipped from then on, and no FCM problem ever fails the
 * login, because every challenge can also be polled. Uses the JDK HTTP client instead of the Firebase Admin SDK
 * (see README).
 */
public final class FcmAnnouncer {

    private static final Logger LOG = Logger.getLogger(FcmAnnouncer.class);

    private final KeycloakSession session;
    private final PushSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public FcmAnnouncer(KeycloakSession session, PushSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    public void announce(UserModel user, Map<PushDeviceCredentialModel, Map<String, Object>> payloads) {
        List<PushDeviceCredentialModel> targets = payloads.keySet().stream()
                .filter(d -> !d.pollOnly() && !d.firebaseUnregistered()).toList();
        if (targets.isEmpty()) {
            return;
        }
        String accessToken;
        FcmServiceAccount account;
        try {
            account = FcmServiceAccount.parse(settings.fcmServiceAccount());
            String tokenUri = settings.fcmTokenUri().isEmpty() ? account.tokenUri() : settings.fcmTokenUri();
            accessToken = new FcmAccessTokens(session.singleUseObjects(), http).token(account, tokenUri);
        } catch (Exception e) {
            LOG.warnf("FCM is configured but no access token could be obtained (%s); phones will poll", Failures.rootMessage(e));
            return;
        }
        for (PushDeviceCredentialModel device : targets) {
            send(user, device, payloads.get(device), account, accessToken);
        }
    }

    private void send(UserModel user, PushDeviceCredentialModel device, Map<String, Object> payload,
            FcmServiceAccount account, String accessToken) {
        try {
            String url = settings.fcmBaseUrl().replaceAll("/+$", "") + "/v1/projects/" + account.projectId() + "/messages:send";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json; UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonSerialization.writeValueAsBytes(message(device, payload))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.body().contains("UNREGISTERED")) {
                LOG.infof("FCM no longer knows push device %s of user %s; it is flagged and will only be polled",
                        device.serial(), user.getId());
                user.credentialManager().updateStoredCredential(device.markFirebaseUnregistered());
            } else if (response.statusCode() != 200) {
                LOG.warnf("FCM refused the message for push device %s: HTTP %d", device.serial(), response.statusCode());
            }
        } catch (Exception e) {
            LOG.warnf("FCM delivery to push device %s failed (%s); the phone can still poll", device.serial(),
                    Failures.rootMessage(e));
        }
    }

    /** The message privacyIDEA sends: data (all strings), a notification, Android and APNs options. */
    static Map<String, Object> message(PushDeviceCredentialModel device, Map<String, Object> payload) throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : payload.entrySet()) {
            data.put(e.getKey(), e.getValue() instanceof String s ? s : JsonSerialization.writeValueAsString(e.getValue()));
        }
        long expiration = System.currentTimeMillis() / 1000 + 120;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", device.firebaseToken());
        message.put("data", data);
        message.put("notification", Map.of("title", data.get("title"), "body", data.get("question")));
        message.put("android", Map.of("priority", "HIGH", "ttl", "120s",
                "fcm_options", Map.of("analytics_label", "AndroidPushToken")));
        message.put("apns", Map.of(
                "headers", Map.of("apns-priority", "10", "apns-push-type", "alert",
                        "apns-collapse-id", "privacyidea.pushtoken", "apns-expiration", String.valueOf(expiration)),
                "payload", Map.of("aps", Map.of("alert", Map.of("title", data.get("title"), "body", data.get("question")),
                        "sound", "default", "category", "PUSH_AUTHENTICATION")),
                "fcm_options", Map.of("analytics_label", "iOSPushToken")));
        return Map.of("message", message);
    }
}
