package org.hpcmfa.keycloak.sshcert.openssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The Bouncy Castle fast path for Ed25519 must produce exactly the JDK's signature (Ed25519 is deterministic). */
class SshCaKeyTest {

    @Test
    void ed25519SignaturesEqualTheJdksAndVerify() throws Exception {
        SshCaKey ca = SshCaKey.generate(CaAlgorithm.ED25519);
        SshCaKey reloaded = SshCaKey.load(CaAlgorithm.ED25519, ca.publicX509(), ca.privatePkcs8());
        byte[] data = "certificate body to sign".getBytes(StandardCharsets.UTF_8);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ca.privatePkcs8()))));
        jdk.update(data);
        byte[] expected = jdk.sign();

        byte[] blob = reloaded.sign(data);
        SshReader reader = new SshReader(blob);
        assertArrayEquals("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), reader.bytes());
        byte[] signature = reader.bytes();
        assertArrayEquals(expected, signature);

        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(reloaded.publicKey());
        verify.update(data);
        assertTrue(verify.verify(signature));
        assertArrayEquals(blob, ca.sign(data), "the generated and the reloaded key sign alike");
    }
}
