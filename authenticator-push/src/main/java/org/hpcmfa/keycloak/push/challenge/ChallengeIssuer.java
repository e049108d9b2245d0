package org.hpcmfa.keycloak.push.challenge;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.codec.binary.Base32;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.key.PushSigningKeys;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.hpcmfa.keycloak.push.protocol.SignStrings;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.util.JsonSerialization;

/**
 * Creates one challenge per push device of the user (spec section 5): a fresh nonce, the payload with its
 * server signature made once here with the key that device knows, and for number matching the presence
 * options. Every device gets the same number, the one the login page shows. In code-to-phone mode the payload
 * is the standard one: the code is made only when the phone accepts ({@link PhoneAnswers}).
 */
public final class ChallengeIssuer {

    /** What the login page needs: the nonces to watch, the number to show, the deadline, the payloads sent. */
    public record Issued(List<String> nonces, String number, long expiresAt,
            Map<PushDeviceCredentialModel, Map<String, Object>> payloads) {
    }

    static final String DECLINE_REASON_CAPABILITIES = "{\"decline_reason\":true}";

    private static final Logger LOG = Logger.getLogger(ChallengeIssuer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RealmModel realm;
    private final SingleUseObjectProvider store;
    private final PushSettings settings;
    private final String appUrl;

    public ChallengeIssuer(RealmModel realm, SingleUseObjectProvider store, PushSettings settings, String appUrl) {
        this.realm = realm;
        this.store = store;
        this.settings = settings;
        this.appUrl = appUrl;
    }

    public Issued issue(String userId, List<PushDeviceCredentialModel> devices, PushLoginConfig config,
            String question, long now) {
        List<String> options = config.numberMatching() ? presenceOptions(config.presenceOptions()) : null;
        String number = options == null ? null : options.get(RANDOM.nextInt(options.size()));
        String title = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
        long expiresAt = now + config.timeoutSeconds();
        Challenges challenges = new Challenges(store, realm.getId());
        List<String> nonces = new ArrayList<>();
        Map<PushDeviceCredentialModel, Map<String, Object>> payloads = new LinkedHashMap<>();
        for (PushDeviceCredentialModel device : devices) {
            Optional<PushSigningKeys.SigningKey> key = PushSigningKeys.byId(realm, device.serverKeyId());
            if (key.isEmpty()) {
                LOG.warnf("push device %s of user %s knows a server key that no longer exists; it must be enrolled again",
                        device.serial(), userId);
                continue;
            }
            String nonce = nonce();
            Map<String, Object> payload = payload(nonce, device.serial(), sanitize(question), sanitize(title), options,
                    key.get());
            challenges.open(device.serial(), new Challenges.Open(nonce, json(payload), expiresAt, number, userId,
                    config.mode(), config.codeToPhone() ? sanitize(config.codeMessage()) : null),
                    config.timeoutSeconds() + 5);
            nonces.add(nonce);
            payloads.put(device, payload);
        }
        return new Issued(nonces, number, expiresAt, payloads);
    }

    private Map<String, Object> payload(String nonce, String serial, String question, String title,
            List<String> options, PushSigningKeys.SigningKey key) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("nonce", nonce);
        payload.put("question", question);
        payload.put("serial", serial);
        payload.put("title", title);
        payload.put("sslverify", settings.sslVerify() ? "1" : "0");
        payload.put("url", appUrl);
        if (options != null) {
            payload.put("require_presence", String.join(",", options));
            payload.put("version", "2");
        }
        // Lets app 4.8 tell "not me" from "discard" (spec section 5.5); older apps ignore both fields.
        payload.put("capabilities", Map.of("decline_reason", true));
        sign(payload, key);
        return payload;
    }

    /** Adds the server signature and the capabilities signature to a payload (spec sections 5.3 and 5.5). */
    public static void sign(Map<String, Object> payload, PushSigningKeys.SigningKey key) {
        String nonce = (String) payload.get("nonce");
        payload.put("signature", PushCrypto.sign(key.privateKey(), SignStrings.challenge(nonce,
                (String) payload.get("url"), (String) payload.get("serial"), (String) payload.get("question"),
                (String) payload.get("title"), "1".equals(payload.get("sslverify")), (String) payload.get("require_presence"))));
        payload.put("capabilities_signature", PushCrypto.sign(key.privateKey(),
                "{\"capabilities\":" + DECLINE_REASON_CAPABILITIES + ",\"nonce\":\"" + nonce + "\"}"));
    }

    /** {@code count} different two-digit numbers (2 to 10, the protocol's range), in random order. */
    static List<String> presenceOptions(int count) {
        if (count < PushLoginConfig.MIN_OPTIONS || count > PushLoginConfig.MAX_OPTIONS) {
            throw new IllegalArgumentException("presence options: " + count);
        }
        List<String> options = new ArrayList<>();
        while (options.size() < count) {
            String candidate = String.format("%02d", RANDOM.nextInt(100));
            if (!options.contains(candidate)) {
                options.add(candidate);
            }
        }
        Collections.shuffle(options, RANDOM);
        return options;
    }

    static String nonce() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return new Base32().encodeAsString(bytes);
    }

    /** The '|' separates the signed fields; a text containing one would make every signature ambiguous. */
    static String sanitize(String text) {
        return text.replace('|', '/').strip();
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JsonSerialization.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
