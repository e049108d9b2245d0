package org.hpcmfa.keycloak.sshcert.openssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.sshcert.issue.MfaEvidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MFA evidence extensions: their tokens, and their encoding as ssh-keygen writes valued extensions. */
class EvidenceExtensionsTest {

    @TempDir
    Path dir;

    @Test
    void tokensAreSortedStableNamesAndNoFactorMeansNoExtension() {
        assertEquals(Map.of(MfaEvidence.FACTORS, "password,ssh-key,totp,webauthn", MfaEvidence.AUTH_TIME, "1700000000"),
                new MfaEvidence(EnumSet.of(LoginFactor.TOTP, LoginFactor.SECURITY_KEY, LoginFactor.PASSWORD,
                        LoginFactor.REGISTERED_SSH_KEY), 1_700_000_000L).extensions());
        assertEquals("recovery-code", MfaEvidence.token(LoginFactor.RECOVERY_CODE));
        assertEquals("email-code", MfaEvidence.token(LoginFactor.EMAIL_CODE));
        assertEquals(Map.of(), new MfaEvidence(EnumSet.noneOf(LoginFactor.class), 1_700_000_000L).extensions());
        assertEquals(Map.of(), new MfaEvidence(EnumSet.of(LoginFactor.PUSH), 0).extensions());
    }

    @Test
    void aRenewalClaimsTheKeyAndTheTapAtItsOwnTimeNotThePassword() {
        assertEquals(Map.of(MfaEvidence.FACTORS, "push,ssh-key", MfaEvidence.AUTH_TIME, "1700000100"),
                MfaEvidence.ofRenewal("hpc-push", 1_700_000_100L).extensions());
        assertEquals("ssh-key,totp", MfaEvidence.ofRenewal("auth-otp-form", 1_700_000_100L).extensions()
                .get(MfaEvidence.FACTORS));
        assertEquals("ssh-key", MfaEvidence.ofRenewal("unknown-factor", 1_700_000_100L).extensions()
                .get(MfaEvidence.FACTORS), "an unknown factor is not claimed");
    }

    @Test
    void valuedExtensionsAreWhatSshKeygenWritesAndReadBack() throws Exception {
        SshCaKey ca = SshCaKey.generate(CaAlgorithm.values()[0]);
        SshPublicKey subject = SshPublicKey.parse(OpenSshTools.userKey(dir, "ed", "-t", "ed25519"));
        Map<String, String> extensions = new TreeMap<>(new MfaEvidence(EnumSet.of(LoginFactor.PASSWORD,
                LoginFactor.PUSH), 1_700_000_000L).extensions());
        extensions.put("permit-pty", "");
        String line = SshCertificate.forUser(subject, 9, "id", List.of("alice"), 1, 2, Map.of(), extensions, ca)
                .sign(ca, "alice@test");
        assertEquals(extensions, SshCertificate.parse(line).extensions());

        Path cert = dir.resolve("ed-cert.pub");
        Files.writeString(cert, line + "\n");
        OpenSshTools.Result listed = OpenSshTools.run("ssh-keygen", "-L", "-f", cert.toString());
        assertEquals(0, listed.exitCode(), listed.output());
        // ssh-keygen shows a vendor extension's data as hex: the string's length, then "password,push".
        assertTrue(listed.output().contains(
                "mfa-factors@hpc-mfa.org UNKNOWN OPTION: 0000000d70617373776f72642c70757368"), listed.output());
        assertTrue(listed.output().contains("permit-pty"), listed.output());
    }
}
