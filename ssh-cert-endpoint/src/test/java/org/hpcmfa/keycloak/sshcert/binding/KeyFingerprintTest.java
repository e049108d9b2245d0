package org.hpcmfa.keycloak.sshcert.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.junit.jupiter.api.Test;

/** What the device request may name as a key and a lifetime, and how the review page words the lifetime. */
class KeyFingerprintTest {

    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl journey";

    @Test
    void acceptsExactlyWhatSshKeygenPrints() {
        assertTrue(KeyFingerprint.valid(SshPublicKey.parse(KEY).fingerprint()));
        for (String bad : List.of("", "SHA256:", "SHA256:abc", "sha256:" + "A".repeat(43), "SHA256:" + "A".repeat(44),
                "SHA256:" + "A".repeat(42) + "=", "SHA256:" + "A".repeat(42) + "<", "MD5:00:11:22",
                "SHA256:" + "A".repeat(43) + "\n", " SHA256:" + "A".repeat(43))) {
            assertFalse(KeyFingerprint.valid(bad), bad);
            assertTrue(KeyFingerprint.problem(bad).contains(DeviceRequestParams.FINGERPRINT), bad);
        }
        assertFalse(KeyFingerprint.valid(null));
    }

    @Test
    void ttlIsAPositiveNumberOfSecondsOrAbsent() {
        assertNull(DeviceRequestParams.ttl(null));
        assertNull(DeviceRequestParams.ttl(" "));
        assertEquals(1800, DeviceRequestParams.ttl("1800"));
        for (String bad : List.of("0", "-1", "1h", "99999999999", "1.5")) {
            assertEquals(-1, DeviceRequestParams.ttl(bad), bad);
        }
    }

    @Test
    void lifetimeReadsTheSameInEveryLanguage() {
        assertEquals("1 h", review(3600).getLifetime());
        assertEquals("30 min", review(1800).getLifetime());
        assertEquals("1 h 30 min", review(5400).getLifetime());
        assertEquals("1 min", review(60).getLifetime());
        assertEquals("2 h", review(7199).getLifetime(), "a partial minute rounds up, never shows 60 min");
        assertEquals("24 h", review(86_400).getLifetime());
    }

    @Test
    void anotherAddressIsPointedOutOnlyWhenOneWasRecorded() {
        assertFalse(new KeyReview("n", "c", "10.0.0.1", "10.0.0.1", null, List.of(), 60).isOtherAddress());
        assertTrue(new KeyReview("n", "c", "10.0.0.1", "10.0.0.2", null, List.of(), 60).isOtherAddress());
        assertFalse(new KeyReview("n", "c", null, "10.0.0.2", null, List.of(), 60).isOtherAddress());
    }

    private static KeyReview review(int ttl) {
        return new KeyReview("name", "client", "127.0.0.1", "127.0.0.1", null, List.of("u"), ttl);
    }
}
