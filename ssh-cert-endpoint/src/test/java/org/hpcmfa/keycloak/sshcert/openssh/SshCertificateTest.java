package org.hpcmfa.keycloak.sshcert.openssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every CA type signing every user key type, judged by the real ssh-keygen. */
class SshCertificateTest {

    @TempDir
    Path dir;

    static final long AFTER = 1_700_000_000L;
    static final long BEFORE = 1_700_003_600L;

    @ParameterizedTest
    @EnumSource(CaAlgorithm.class)
    void sshKeygenReadsEveryFieldForEveryUserKeyType(CaAlgorithm algorithm) throws Exception {
        SshCaKey ca = SshCaKey.generate(algorithm);
        Files.writeString(dir.resolve("ca.pub"), ca.publicLine("test-ca") + "\n");
        String caFingerprint = OpenSshTools.run("ssh-keygen", "-l", "-f", dir.resolve("ca.pub").toString()).output();
        assertTrue(caFingerprint.contains(ca.fingerprint()), "ssh-keygen computes another CA fingerprint: " + caFingerprint);

        Map<String, String[]> keyTypes = Map.of(
                "ed", new String[] {"-t", "ed25519"},
                "p256", new String[] {"-t", "ecdsa", "-b", "256"},
                "p384", new String[] {"-t", "ecdsa", "-b", "384"},
                "p521", new String[] {"-t", "ecdsa", "-b", "521"},
                "rsa", new String[] {"-t", "rsa", "-b", "3072"});
        for (Map.Entry<String, String[]> type : keyTypes.entrySet()) {
            SshPublicKey subject = SshPublicKey.parse(OpenSshTools.userKey(dir, type.getKey(), type.getValue()));
            SshCertificate certificate = SshCertificate.forUser(subject, 4_611_686_018_427_387_904L + 7, "kc:alice:7",
                    List.of("alice", "alice-admin"), AFTER, BEFORE,
                    Map.of("source-address", "127.0.0.1/32,10.0.0.0/8", "force-command", "/usr/bin/true"),
                    List.of("permit-pty", "permit-agent-forwarding"), ca);
            Path certFile = dir.resolve(type.getKey() + "-cert.pub");
            Files.writeString(certFile, certificate.sign(ca, "alice@test") + "\n");

            OpenSshTools.Result listed = OpenSshTools.run("ssh-keygen", "-L", "-f", certFile.toString());
            String out = listed.output();
            assertEquals(0, listed.exitCode(), out);
            assertTrue(out.contains("Type: " + subject.certificateType() + " user certificate"), out);
            assertTrue(out.contains("Public key: "), out);
            assertTrue(out.contains("Signing CA: ") && out.contains(ca.fingerprint()), out);
            assertTrue(out.contains("Key ID: \"kc:alice:7\""), out);
            assertTrue(out.contains("Serial: 4611686018427387911"), out);
            assertTrue(out.contains("Valid: from 2023-11-14T22:13:20 to 2023-11-14T23:13:20"), out);
            assertTrue(out.matches("(?s).*Principals: \\s*alice\\s+alice-admin\\s+Critical Options:.*"), out);
            assertTrue(out.contains("force-command /usr/bin/true"), out);
            assertTrue(out.contains("source-address 127.0.0.1/32,10.0.0.0/8"), out);
            assertTrue(out.matches("(?s).*Extensions: \\s*permit-agent-forwarding\\s+permit-pty\\s*"), out);

            SshCertificate read = SshCertificate.parse(Files.readString(certFile));
            assertEquals(certificate.serial(), read.serial());
            assertEquals(List.of("alice", "alice-admin"), read.principals());
            assertEquals(ca.fingerprint(), read.caFingerprint());
            assertEquals(subject.fingerprint(), read.subject().fingerprint());
        }
    }

    @Test
    void sshKeygenSeesOurKrlRevokeOnlyTheListedSerialOfThatCa() throws Exception {
        SshCaKey ca = SshCaKey.generate(CaAlgorithm.ED25519);
        SshCaKey otherCa = SshCaKey.generate(CaAlgorithm.ED25519);
        SshPublicKey subject = SshPublicKey.parse(OpenSshTools.userKey(dir, "user", "-t", "ed25519"));
        long now = System.currentTimeMillis() / 1000;
        Path revoked = write("revoked-cert.pub", SshCertificate.forUser(subject, 42, "a", List.of("alice"), now - 60,
                now + 3600, Map.of(), List.of("permit-pty"), ca).sign(ca, null));
        Path kept = write("kept-cert.pub", SshCertificate.forUser(subject, 43, "b", List.of("alice"), now - 60,
                now + 3600, Map.of(), List.of("permit-pty"), ca).sign(ca, null));
        Path sameSerialOtherCa = write("other-cert.pub", SshCertificate.forUser(subject, 42, "c", List.of("alice"),
                now - 60, now + 3600, Map.of(), List.of("permit-pty"), otherCa).sign(otherCa, null));
        Path krl = dir.resolve("krl");
        Files.write(krl, Krl.build(List.of(new Krl.CaSection(ca.publicBlob(), new TreeSet<>(List.of(42L, 7L)))), 3, now, "test"));

        OpenSshTools.Result r1 = OpenSshTools.run("ssh-keygen", "-Q", "-f", krl.toString(), revoked.toString());
        assertEquals(1, r1.exitCode(), r1.output());
        assertTrue(r1.output().contains("REVOKED"), r1.output());
        OpenSshTools.Result r2 = OpenSshTools.run("ssh-keygen", "-Q", "-f", krl.toString(), kept.toString());
        assertEquals(0, r2.exitCode(), r2.output());
        OpenSshTools.Result r3 = OpenSshTools.run("ssh-keygen", "-Q", "-f", krl.toString(), sameSerialOtherCa.toString());
        assertEquals(0, r3.exitCode(), "revocation is per CA: " + r3.output());
        OpenSshTools.Result empty = OpenSshTools.run("ssh-keygen", "-Q", "-f", write("empty.krl", "").toString(),
                kept.toString());
        assertTrue(empty.exitCode() != 0, "sanity: an empty file is not a KRL");
        Files.write(krl, Krl.build(List.of(), 4, now, "nothing revoked"));
        assertEquals(0, OpenSshTools.run("ssh-keygen", "-Q", "-f", krl.toString(), revoked.toString()).exitCode());
    }

    @Test
    void storedCaKeysSignTheSameAsFreshOnes() throws Exception {
        for (CaAlgorithm algorithm : CaAlgorithm.values()) {
            SshCaKey generated = SshCaKey.generate(algorithm);
            SshCaKey loaded = SshCaKey.load(algorithm, generated.publicX509(), generated.privatePkcs8());
            assertEquals(generated.publicLine("x"), loaded.publicLine("x"));
            SshPublicKey subject = SshPublicKey.parse(OpenSshTools.userKey(dir, "k" + algorithm.ordinal(), "-t", "ed25519"));
            Path cert = write("c" + algorithm.ordinal() + "-cert.pub", SshCertificate.forUser(subject, 1, "id",
                    List.of("bob"), AFTER, BEFORE, Map.of(), List.of(), loaded).sign(loaded, null));
            assertEquals(0, OpenSshTools.run("ssh-keygen", "-L", "-f", cert.toString()).exitCode());
        }
        assertThrows(IllegalStateException.class, () -> SshCaKey.load(CaAlgorithm.ED25519,
                SshCaKey.generate(CaAlgorithm.ED25519).publicX509(), null).sign(new byte[1]));
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content.isEmpty() ? "" : content + "\n");
        return file;
    }
}
