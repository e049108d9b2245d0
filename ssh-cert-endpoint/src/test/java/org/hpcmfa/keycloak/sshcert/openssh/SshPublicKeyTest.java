package org.hpcmfa.keycloak.sshcert.openssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPublicKeyTest {

    @TempDir
    Path dir;

    @Test
    void fingerprintsMatchSshKeygen() throws Exception {
        String line = OpenSshTools.userKey(dir, "k", "-t", "ecdsa", "-b", "384");
        SshPublicKey key = SshPublicKey.parse(line);
        assertEquals("ecdsa-sha2-nistp384", key.type());
        String keygen = OpenSshTools.run("ssh-keygen", "-l", "-f", dir.resolve("k.pub").toString()).output();
        assertTrue(keygen.contains(key.fingerprint()), keygen);
    }

    @Test
    void rsaKeysReportTheirSize() throws Exception {
        assertEquals(2048, SshPublicKey.parse(OpenSshTools.userKey(dir, "r", "-t", "rsa", "-b", "2048")).rsaBits());
    }

    @Test
    void fidoKeysAreUnderstood() {
        // An sk-ssh-ed25519 public key as ssh-keygen writes it for a security key (application "ssh:").
        byte[] blob = new SshWriter().string("sk-ssh-ed25519@openssh.com").string(new byte[32]).string("ssh:").toByteArray();
        SshPublicKey key = SshPublicKey.parse("sk-ssh-ed25519@openssh.com " + java.util.Base64.getEncoder().encodeToString(blob));
        assertEquals("sk-ssh-ed25519-cert-v01@openssh.com", key.certificateType());
    }

    @Test
    void badKeysGetClearMessages() {
        assertMessage("DSA keys are not accepted", "ssh-dss AAAAB3NzaC1kc3MAAACB");
        assertMessage("not valid base64", "ssh-ed25519 ***");
        assertMessage("is not accepted", "ssh-foo AAAA");
        assertMessage("is a certificate", "ssh-ed25519-cert-v01@openssh.com AAAA");
        assertMessage("must be one line", "ssh-ed25519");
        assertMessage("is empty", "  ");
        String ed = java.util.Base64.getEncoder().encodeToString(
                new SshWriter().string("ssh-ed25519").string(new byte[32]).toByteArray());
        assertMessage("contains a 'ssh-ed25519' key", "ssh-rsa " + ed);
        String shortEd = java.util.Base64.getEncoder().encodeToString(
                new SshWriter().string("ssh-ed25519").string(new byte[31]).toByteArray());
        assertMessage("malformed Ed25519", "ssh-ed25519 " + shortEd);
        String trailing = java.util.Base64.getEncoder().encodeToString(
                new SshWriter().string("ssh-ed25519").string(new byte[32]).uint32(1).toByteArray());
        assertMessage("trailing data", "ssh-ed25519 " + trailing);
        assertMessage("truncated", "ssh-ed25519 AAAA");
    }

    private static void assertMessage(String expected, String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(line));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
