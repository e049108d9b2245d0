package org.hpcmfa.keycloak.push.key;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

/**
 * The realm's push signing keys, in its "privacyIDEA push signing key" component. Each phone keeps the server key
 * it received at enrolment, so a rotation adds a new current key and keeps the older ones for the phones that
 * know them; each device records the id of its key. Private keys are stored under configuration keys the
 * provider does not declare, which Keycloak strips from every admin answer and console export.
 */
public final class PushSigningKeys {

    static final String KEYS = "pushSigningKeys";
    /** The id of the key new enrolments get; the database keeps no order among the multivalued entries. */
    static final String CURRENT = "pushCurrentKey";
    static final String ROTATE = "rotate-key";

    /** One key: id (SHA-256 of the public key, base64url, 16 characters), public and private key. */
    public record SigningKey(String id, RSAPublicKey publicKey, PrivateKey privateKey) {
    }

    private PushSigningKeys() {
    }

    /** The realm's component, created with a fresh key on first use. */
    public static ComponentModel component(RealmModel realm) {
        Optional<ComponentModel> existing = realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> PushSigningKeyProviderFactory.ID.equals(c.getProviderId())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ComponentModel model = new ComponentModel();
        model.setName("privacyidea-push-signing-key");
        model.setParentId(realm.getId());
        model.setProviderId(PushSigningKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.setConfig(new MultivaluedHashMap<>());
        model.getConfig().putSingle("priority", "0");
        addKey(model);
        return realm.addComponentModel(model);
    }

    public static SigningKey current(RealmModel realm) {
        return current(component(realm));
    }

    static SigningKey current(ComponentModel model) {
        List<SigningKey> keys = all(model);
        String currentId = model.get(CURRENT);
        return keys.stream().filter(k -> k.id().equals(currentId)).findFirst().orElse(keys.get(keys.size() - 1));
    }

    /** Looks in every push key component of the realm (two nodes may each have created one on first use). */
    public static Optional<SigningKey> byId(RealmModel realm, String id) {
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> PushSigningKeyProviderFactory.ID.equals(c.getProviderId()))
                .flatMap(c -> all(c).stream())
                .filter(k -> k.id().equals(id))
                .findFirst();
    }

    /** Entries "{id} {base64 SPKI public} {base64 PKCS#8 private}", in no particular order. */
    static List<SigningKey> all(ComponentModel model) {
        List<SigningKey> keys = new ArrayList<>();
        for (String entry : model.getConfig().getOrDefault(KEYS, List.of())) {
            String[] parts = entry.split(" ");
            try {
                PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[2])));
                keys.add(new SigningKey(parts[0], PushCrypto.parseSpki(parts[1]), privateKey));
            } catch (Exception e) {
                throw new IllegalStateException("stored push signing key unreadable", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("push signing key component has no key");
        }
        return keys;
    }

    static void addKey(ComponentModel model) {
        KeyPair pair = PushCrypto.generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        String id = keyId((RSAPublicKey) pair.getPublic());
        model.getConfig().add(KEYS, id + " " + b64.encodeToString(pair.getPublic().getEncoded()) + " "
                + b64.encodeToString(pair.getPrivate().getEncoded()));
        model.getConfig().putSingle(CURRENT, id);
    }

    static String keyId(RSAPublicKey key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
