package org.hpcmfa.keycloak.it.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Real certificates of real users, the quickest honest way: the login node's terminal login (the user's key,
 * then the TOTP code at the prompt) with the public key sent along, as {@code hpc-mfa-terminal} does. The
 * certificate is the same record, with the same user id, as one from {@code ssh-ca/sign}.
 */
public final class UserCertificates {

    /** A certificate on disk next to its private key, ready for {@code ssh -i key -o CertificateFile=...}. */
    public record Issued(long serial, Path key, Path certificate) {

        public String[] sshOptions() {
            return new String[] {"-i", key.toString(), "-o", "CertificateFile=" + certificate, "-o", "IdentitiesOnly=yes",
                    "-o", "IdentityAgent=none"};
        }
    }

    private final ManagedRealm realm;
    private final Path dir;
    private int count;

    public UserCertificates(ManagedRealm realm, Path dir) {
        this.realm = realm;
        this.dir = dir;
    }

    /** A user with a password and TOTP ({@link TestUsers#TOTP_SECRET}); returns the username. */
    public String user(String prefix) {
        return TestUsers.create(realm.admin(), prefix, "example.org", true, true);
    }

    /**
     * A certificate for the user's new key. {@code totpStep} 0 for the user's first login of this 30-second
     * period, 1 for the second (Keycloak refuses a code used before).
     */
    public Issued issue(String username, int totpStep) throws Exception {
        Path key = dir.resolve("key-" + (++count));
        Sshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), Map.of());
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String gateway = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        TerminalApi.Reply started = api.start(gateway, username);
        if (started.status() != 200) {
            throw new AssertionError("terminal start for " + username + ": " + started.body());
        }
        TerminalApi.Reply finished = api.call(gateway, "finish", Map.of("handle", started.text("handle"),
                "answer", TestUsers.totp(TestUsers.TOTP_SECRET, totpStep),
                "public_key", Files.readString(key.resolveSibling(key.getFileName() + ".pub")).trim()));
        if (finished.status() != 200 || !finished.body().hasNonNull("certificate")) {
            throw new AssertionError("no certificate for " + username + ": " + finished.body());
        }
        Path certificate = key.resolveSibling(key.getFileName() + "-cert.pub");
        Files.writeString(certificate, finished.text("certificate") + "\n");
        return new Issued(finished.body().get("serial").asLong(), key, certificate);
    }
}
