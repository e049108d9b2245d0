package org.hpcmfa.keycloak.push.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.key.PushSigningKeyProviderFactory;
import org.hpcmfa.keycloak.push.key.PushSigningKeys;
import org.hpcmfa.keycloak.push.protocol.PushCrypto;
import org.hpcmfa.keycloak.push.protocol.SignStrings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/** One signed challenge per phone, the number the page shows among the phone's options, nothing else stored. */
class ChallengeIssuerTest {

    private static final String APP_URL = "https://idp.example.org/realms/demo/pipush";
    private static final long NOW = 1_000;

    /**
     * One realm and its signing key for the class, stored as the key provider stores it. The key has 2048 bits, not
     * the production 4096, so that the test stays fast; signing does not depend on the size.
     */
    private static RealmModel realm;
    private static PushSigningKeys.SigningKey key;

    private final ConcurrentStore store = new ConcurrentStore();

    @BeforeAll
    static void realmWithKey() throws Exception {
        realm = Fakes.realm("realm-1", "demo", "Demo University");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        ComponentModel component = new ComponentModel();
        component.setProviderId(PushSigningKeyProviderFactory.ID);
        component.setProviderType(KeyProvider.class.getName());
        component.setConfig(new MultivaluedHashMap<>());
        // The provider's storage format: "{id} {base64 SPKI public} {base64 PKCS#8 private}".
        component.getConfig().add("pushSigningKeys", "test-key " + b64.encodeToString(pair.getPublic().getEncoded())
                + " " + b64.encodeToString(pair.getPrivate().getEncoded()));
        realm.addComponentModel(component);
        key = PushSigningKeys.byId(realm, "test-key").orElseThrow();
    }

    private static PushDeviceCredentialModel device(String serial, String serverKeyId) {
        return PushDeviceCredentialModel.create(serial, "unused-phone-key", serverKeyId, null, "Phone", NOW * 1000);
    }

    private static PushLoginConfig config(ApprovalMode mode, int options) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of(PushLoginConfig.APPROVAL_MODE, mode.configValue(),
                PushLoginConfig.PRESENCE_OPTIONS, String.valueOf(options), PushLoginConfig.TIMEOUT, "90"));
        return PushLoginConfig.from(model);
    }

    private ChallengeIssuer.Issued issue(PushLoginConfig config, String question, PushDeviceCredentialModel... devices) {
        PushSettings settings = PushSettings.of(realm);
        return new ChallengeIssuer(realm, store, settings, APP_URL).issue("user-1", List.of(devices), config, question, NOW);
    }

    @Test
    void everyPhoneGetsItsOwnSignedChallengeAndTheSameNumber() {
        ChallengeIssuer.Issued issued = issue(config(ApprovalMode.NUMBER_MATCHING, 8), "Log in?",
                device("S1", key.id()), device("S2", key.id()));
        assertEquals(2, issued.nonces().size());
        assertNotEquals(issued.nonces().get(0), issued.nonces().get(1), "a nonce per phone");
        assertEquals(NOW + 90, issued.expiresAt());
        Challenges challenges = new Challenges(store, realm.getId());
        for (Map<String, Object> payload : issued.payloads().values()) {
            List<String> options = List.of(((String) payload.get("require_presence")).split(","));
            assertEquals(8, new HashSet<>(options).size(), "eight different options: " + options);
            assertTrue(options.stream().allMatch(o -> o.matches("\\d{2}")), options.toString());
            assertTrue(options.contains(issued.number()), "the page's number is among the phone's options");
            assertEquals("2", payload.get("version"));
            String signString = SignStrings.challenge((String) payload.get("nonce"), APP_URL,
                    (String) payload.get("serial"), "Log in?", "Demo University", true, (String) payload.get("require_presence"));
            assertTrue(PushCrypto.verify(key.publicKey(), signString, (String) payload.get("signature")),
                    "the phone can verify the server's signature");
            Challenges.Open open = challenges.current((String) payload.get("serial"), NOW).orElseThrow();
            assertEquals(payload.get("nonce"), open.nonce());
            assertEquals(issued.number(), open.correctAnswer(), "the answer must carry the page's number");
            assertEquals("user-1", open.userId());
        }
    }

    @Test
    void approveOnlyShowsNoNumberAndOffersNoChoice() {
        ChallengeIssuer.Issued issued = issue(config(ApprovalMode.APPROVE_ONLY, 5), "Log in?", device("S1", key.id()));
        assertNull(issued.number());
        Map<String, Object> payload = issued.payloads().values().iterator().next();
        assertFalse(payload.containsKey("require_presence"));
        assertNull(new Challenges(store, realm.getId()).current("S1", NOW).orElseThrow().correctAnswer());
    }

    @Test
    void codeToPhoneStoresItsModeAndTextButNoCodeYet() {
        ChallengeIssuer.Issued issued = issue(config(ApprovalMode.CODE_TO_PHONE, 5), "Log in?", device("S1", key.id()));
        assertNull(issued.number(), "nothing to match: the phone shows a code after Accept");
        Challenges.Open open = new Challenges(store, realm.getId()).current("S1", NOW).orElseThrow();
        assertEquals(ApprovalMode.CODE_TO_PHONE, open.mode());
        assertEquals(PushLoginConfig.DEFAULTS.codeMessage(), open.codeMessage());
        assertTrue(new Challenges(store, realm.getId()).outcome(open.nonce()).isEmpty(), "no code before Accept");
    }

    @Test
    void aPhoneThatKnowsAVanishedServerKeyGetsNothing() {
        ChallengeIssuer.Issued issued = issue(config(ApprovalMode.NUMBER_MATCHING, 5), "Log in?",
                device("S1", "no-such-key"), device("S2", key.id()));
        assertEquals(1, issued.nonces().size());
        assertTrue(new Challenges(store, realm.getId()).current("S1", NOW).isEmpty());
        assertTrue(new Challenges(store, realm.getId()).current("S2", NOW).isPresent());
    }

    @Test
    void aChallengeExpiresAtItsDeadline() {
        issue(config(ApprovalMode.NUMBER_MATCHING, 5), "Log in?", device("S1", key.id()));
        Challenges challenges = new Challenges(store, realm.getId());
        assertTrue(challenges.current("S1", NOW + 89).isPresent());
        assertTrue(challenges.current("S1", NOW + 90).isEmpty(), "not served or answerable after the deadline");
    }

    @Test
    void aSeparatorInTheQuestionCannotShiftTheSignedFields() {
        ChallengeIssuer.Issued issued = issue(config(ApprovalMode.APPROVE_ONLY, 5), "Log in to a|b? ",
                device("S1", key.id()));
        assertEquals("Log in to a/b?", issued.payloads().values().iterator().next().get("question"));
    }

    @Test
    void presenceOptionsAreDistinctTwoDigitNumbersWithinTheProtocolsRange() {
        for (int count = PushLoginConfig.MIN_OPTIONS; count <= PushLoginConfig.MAX_OPTIONS; count++) {
            List<String> options = ChallengeIssuer.presenceOptions(count);
            assertEquals(count, new HashSet<>(options).size());
            assertTrue(options.stream().allMatch(o -> o.matches("\\d{2}")));
        }
        assertThrows(IllegalArgumentException.class, () -> ChallengeIssuer.presenceOptions(1), "one option is a blind tap");
        assertThrows(IllegalArgumentException.class, () -> ChallengeIssuer.presenceOptions(11));
    }

    @Test
    void noncesAreUnguessable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String nonce = ChallengeIssuer.nonce();
            assertTrue(nonce.matches("[A-Z2-7]{32}"), "160 bits in base32: " + nonce);
            assertTrue(seen.add(nonce));
        }
    }
}
