package org.hpcmfa.keycloak.sshcert.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.openssh.SshSignature;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Proof that the caller holds the private key of {@code key}: an SSH signature ({@code ssh-keygen -Y sign}, or
 * the agent) over a message that names the request's time, checked for the key, the namespace, freshness and,
 * across the cluster, single use. The message is the caller's to define (a registered key's proof at sign, a
 * renewal's); every failure is a refusal with a stable code.
 */
public final class KeyPossession {

    /** A proof older than this is stale; one from further in the future than {@link #MAX_AHEAD} too. */
    static final int MAX_AGE = 300;
    static final int MAX_AHEAD = 60;

    private KeyPossession() {
    }

    /**
     * The lines a key signs: what the proof is for ({@code purpose}, its first line), the realm, the hash of the
     * access token it goes with, the key's fingerprint and the time; the CLI builds the same lines.
     */
    public static String message(String purpose, RealmModel realm, String accessToken, String fingerprint, long time) {
        return purpose + "\n"
                + "realm=" + realm.getName() + "\n"
                + "token=" + tokenHash(accessToken) + "\n"
                + "key=" + fingerprint + "\n"
                + "time=" + time + "\n";
    }

    /** Refuses unless {@code signature} is {@code key}'s fresh, unused signature of {@code message} in {@code namespace}. */
    public static void verify(KeycloakSession session, RealmModel realm, String namespace, String message,
            SshPublicKey key, String signature, Long time) throws SignRefusal {
        SshSignature parsed;
        try {
            parsed = SshSignature.parseArmored(signature);
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_key_proof", "The key proof is unreadable: " + e.getMessage() + ".");
        }
        if (!parsed.key().fingerprint().equals(key.fingerprint())) {
            throw SignRefusal.forbidden("invalid_key_proof", "The key proof is signed by another key ("
                    + parsed.key().fingerprint() + ") than the key to certify (" + key.fingerprint() + ").");
        }
        long now = Time.currentTime();
        if (time == null || time < now - MAX_AGE || time > now + MAX_AHEAD) {
            throw SignRefusal.forbidden("key_proof_expired", "The key proof is not fresh (made more than " + MAX_AGE
                    + " s ago, or in the future): run hpc-ssh-cert again, and check this computer's clock.");
        }
        boolean valid;
        try {
            valid = parsed.verifies(namespace, message.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_key_proof", "The key proof cannot be checked: " + e.getMessage() + ".");
        }
        if (!valid) {
            throw SignRefusal.forbidden("invalid_key_proof", "The key proof does not verify: it was made for another "
                    + "login, realm or time, or not by this key.");
        }
        // Once per proof, cluster-wide, for as long as the proof could be fresh.
        if (!session.singleUseObjects().putIfAbsent("hpc-ssh-key-proof:" + realm.getId() + ":" + sha256Hex(message),
                MAX_AGE + MAX_AHEAD)) {
            throw SignRefusal.forbidden("key_proof_replayed", "This key proof was already used: run hpc-ssh-cert again.");
        }
    }

    static String tokenHash(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
