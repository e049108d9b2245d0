package org.hpcmfa.keycloak.sshcert.openssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Signatures made by the real {@code ssh-keygen -Y sign}, checked by {@link SshSignature}. */
class SshSignatureTest {

    private static final String NAMESPACE = "hpc-ssh-cert@test";

    @TempDir
    Path dir;

    private String sign(String name, String message, String namespace) throws Exception {
        Path file = dir.resolve(name + ".msg");
        Files.writeString(file, message);
        Files.deleteIfExists(dir.resolve(name + ".msg.sig")); // ssh-keygen would ask before overwriting it
        OpenSshTools.Result result = OpenSshTools.run("ssh-keygen", "-q", "-Y", "sign", "-n", namespace,
                "-f", dir.resolve(name).toString(), file.toString());
        assertEquals(0, result.exitCode(), result.output());
        return Files.readString(dir.resolve(name + ".msg.sig"));
    }

    @ParameterizedTest
    @CsvSource({"ed, -t, ed25519", "p256, -t, ecdsa", "p384, -b, 384", "p521, -b, 521", "rsa, -b, 3072"})
    void verifiesWhatSshKeygenSignsAndNothingElse(String name, String option, String value) throws Exception {
        String[] type = name.startsWith("p") && !"p256".equals(name) ? new String[] {"-t", "ecdsa", option, value}
                : "rsa".equals(name) ? new String[] {"-t", "rsa", option, value} : new String[] {option, value};
        String line = OpenSshTools.userKey(dir, name, type);
        String armored = sign(name, "hello\n", NAMESPACE);
        SshSignature signature = SshSignature.parseArmored(armored);
        assertEquals(SshPublicKey.parse(line).fingerprint(), signature.key().fingerprint());
        assertTrue(signature.verifies(NAMESPACE, "hello\n".getBytes(StandardCharsets.UTF_8)));
        assertFalse(signature.verifies(NAMESPACE, "hello!\n".getBytes(StandardCharsets.UTF_8)), "another message");
        assertFalse(signature.verifies("hpc-ssh-cert@other", "hello\n".getBytes(StandardCharsets.UTF_8)), "another namespace");
        // Signed for another namespace: the namespace is part of what is signed, so relabelling cannot help.
        assertFalse(SshSignature.parseArmored(sign(name, "hello\n", "file")).verifies(NAMESPACE,
                "hello\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTamperedSignatureDoesNotVerify() throws Exception {
        OpenSshTools.userKey(dir, "ed", "-t", "ed25519");
        String armored = sign("ed", "hello\n", NAMESPACE);
        String[] lines = armored.split("\n");
        char[] body = lines[lines.length - 2].toCharArray();
        body[body.length / 2] = body[body.length / 2] == 'A' ? 'B' : 'A';
        lines[lines.length - 2] = new String(body);
        String tampered = String.join("\n", lines);
        boolean verified;
        try {
            verified = SshSignature.parseArmored(tampered).verifies(NAMESPACE, "hello\n".getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            verified = false;
        }
        assertFalse(verified);
    }

    @Test
    void garbageIsRefusedWithAReadableMessage() {
        assertThrows(IllegalArgumentException.class, () -> SshSignature.parseArmored(""));
        assertThrows(IllegalArgumentException.class, () -> SshSignature.parseArmored("not a signature"));
        assertThrows(IllegalArgumentException.class, () -> SshSignature.parseArmored(
                "-----BEGIN SSH SIGNATURE-----\nAAAA!!\n-----END SSH SIGNATURE-----"));
        assertThrows(IllegalArgumentException.class, () -> SshSignature.parseArmored(
                "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAAA==\n-----END SSH SIGNATURE-----"));
        assertThrows(IllegalArgumentException.class, () -> SshSignature.parseArmored("x".repeat(10_000)));
    }
}
