package org.hpcmfa.keycloak.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec's golden strings (section 15.1) and the crypto conventions of section 2. */
class PushProtocolTest {

    static final String N = "B2WCKU2EDVXIZBONHQHFWZVOMUYLYXRQ";
    static final String S = "KCPU7Q2M4XJ3ABCDEFGH";
    static final String U = "https://sso.example.org/realms/hpc/pipush";
    static KeyPair keys;

    @BeforeAll
    static void keys() {
        keys = PushCrypto.generateKeyPair();
    }

    @Test
    void goldenSignStrings() {
        assertEquals(N + "|" + U + "|" + S + "|Do you want to confirm the login?|privacyIDEA|1",
                SignStrings.challenge(N, U, S, "Do you want to confirm the login?", "privacyIDEA", true, null));
        assertEquals(N + "|" + U + "|" + S + "|Do you want to confirm the login?|privacyIDEA|1|K,C,X",
                SignStrings.challenge(N, U, S, "Do you want to confirm the login?", "privacyIDEA", true, "K,C,X"));
        assertEquals(N + "|" + S, SignStrings.answer(N, S, false, null, null));
        assertEquals(N + "|" + S + "|C", SignStrings.answer(N, S, false, null, "C"));
        assertEquals(N + "|" + S + "|decline", SignStrings.answer(N, S, true, null, null));
        assertEquals(N + "|" + S + "|decline|unknown_trigger", SignStrings.answer(N, S, true, "unknown_trigger", null));
        assertEquals(S + "|2026-08-21T09:30:42.123456Z", SignStrings.poll(S, "2026-08-21T09:30:42.123456Z"));
        assertEquals("no_firebase_token|" + S + "|2026-08-21T09:30:42.123Z",
                SignStrings.firebaseTokenUpdate("no_firebase_token", S, "2026-08-21T09:30:42.123Z"));
    }

    @Test
    void signaturesAreBase32WithPaddingAnd824Characters() {
        String signature = PushCrypto.sign(keys.getPrivate(), "N|S");
        assertEquals(824, signature.length());
        assertTrue(signature.endsWith("===="), signature);
        assertTrue(signature.matches("[A-Z2-7=]+"));
        assertTrue(PushCrypto.verify(keys.getPublic(), "N|S", signature));
        assertFalse(PushCrypto.verify(keys.getPublic(), "N|S|decline", signature));
        assertFalse(PushCrypto.verify(keys.getPublic(), "N|S", "not base32 at all"));
        assertFalse(PushCrypto.verify(keys.getPublic(), "N|S", ""));
    }

    @Test
    void serverKeyGoesOutAsPkcs1AndPhoneKeysComeInAsSpki() {
        String pkcs1 = PushCrypto.toPkcs1Base64((RSAPublicKey) keys.getPublic());
        byte[] der = Base64.getDecoder().decode(pkcs1);
        assertEquals(526, der.length, "PKCS#1 RSAPublicKey of RSA-4096");
        assertEquals(0x30, der[0] & 0xFF);
        assertEquals(0x02, der[4] & 0xFF, "the first element is an INTEGER (the app rejects SPKI)");

        String spki = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        assertEquals(736, spki.length());
        assertEquals(keys.getPublic(), PushCrypto.parsePhoneKey(spki));
        assertEquals(keys.getPublic(), PushCrypto.parsePhoneKey(spki.replace('+', ' ')), "a '+' lost to form decoding");
        assertNull(PushCrypto.parsePhoneKey("garbage"));
        assertNull(PushCrypto.parsePhoneKey(null));
    }

    @Test
    void timestampWindows() {
        long now = Instant.parse("2026-08-21T09:30:42.123Z").toEpochMilli();
        assertTrue(Timestamps.withinWindow("2026-08-21T09:30:42.123456Z", now, 60));
        assertTrue(Timestamps.withinWindow("2026-08-21T09:31:30Z", now, 60));
        assertFalse(Timestamps.withinWindow("2026-08-21T09:32:43Z", now, 60));
        assertTrue(Timestamps.withinWindow("2026-08-21T09:30:42", now, 60), "no zone is UTC");
        assertFalse(Timestamps.withinWindow("yesterday", now, 60));
        assertFalse(Timestamps.withinWindow(null, now, 60));
    }

    @Test
    void enrollmentUriFollowsPrivacyIdeasForm() {
        String uri = EnrollmentUri.build("alice@hpc", U, 10, "HPC: Cluster", "9311ee50678983c0f29d3d843f86e39405e2b427",
                S, true, true);
        assertEquals("otpauth://pipush/alice%40hpc?url=https%3A%2F%2Fsso.example.org%2Frealms%2Fhpc%2Fpipush&ttl=10"
                + "&issuer=HPC%20%20Cluster&enrollment_credential=9311ee50678983c0f29d3d843f86e39405e2b427&v=1&serial="
                + S + "&sslverify=1&poll_only=True", uri);
    }

    @Test
    void serialsNameTheirUser() {
        String uuid = "9d5227b7-f7ed-4f53-97dc-c5fe7fd10d57";
        String serial = PushSerials.create(uuid);
        assertTrue(serial.matches("KCPUU[A-Z2-7]{32}"), serial);
        assertEquals(Optional.of(uuid), PushSerials.userId(serial));
        assertTrue(!serial.equals(PushSerials.create(uuid)), "random part");
        String federated = "f:ldap-1:jdoe";
        assertEquals(Optional.of(federated), PushSerials.userId(PushSerials.create(federated)));
        assertEquals(Optional.empty(), PushSerials.userId("PIPU12345678"));
        assertEquals(Optional.empty(), PushSerials.userId("KCPU|evil"));
        assertEquals(Optional.empty(), PushSerials.userId(null));
    }
}
