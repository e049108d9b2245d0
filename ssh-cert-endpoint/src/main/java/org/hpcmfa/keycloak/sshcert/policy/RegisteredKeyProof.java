package org.hpcmfa.keycloak.sshcert.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.hpcmfa.keycloak.sshcert.keys.SshKeyCredentialProvider;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.openssh.SshSignature;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * The first factor a sign request can prove by itself: possession of the private key of an SSH key the person
 * registered beforehand. The CLI signs, with {@code ssh-keygen -Y sign -n hpc-ssh-cert@<realm>}, a message that
 * binds this access token, the key and the current time ({@link #message}); the CA verifies the signature with the
 * key being certified, checks that the key is registered to the token's user and that the proof is fresh, and
 * accepts each proof once across the cluster.
 *
 * <p>{@link #of} answers whether the request proves the first factor ({@link Outcome#proven()}); a proof that is
 * present but wrong (another key's, stale, replayed, not verifying) is a refusal, never silently ignored.
 * {@link #requireForKeyLogin} is the rule for logins whose flow replaced the password with the step "Registered
 * SSH key (first factor)": their certificate needs that proof, and the realm's consent.
 */
public final class RegisteredKeyProof {

    /** User-session note set by the flow step "Registered SSH key (first factor)": the password was not asked. */
    public static final String KEY_FIRST_NOTE = "hpc-ssh.first-factor";
    public static final String KEY_FIRST_VALUE = "registered-key";
    /** A proof older than this is stale; one from further in the future than {@link #MAX_AHEAD} too. */
    static final int MAX_AGE = 300;
    static final int MAX_AHEAD = 60;

    /** What the request proved, and under which realm policy. */
    public record Outcome(RegisteredKeyPolicy policy, boolean proven, String fingerprint) {

        public static Outcome none(RegisteredKeyPolicy policy) {
            return new Outcome(policy, false, null);
        }

        /**
         * "First factor proven by the sign request itself": a registered key's valid proof, in a realm whose CA
         * accepts registered keys as first factor. The input the two-factor rule of {@link CertificateRequester} takes.
         */
        public boolean firstFactor() {
            return proven && policy.keyAsFirstFactor();
        }
    }

    private RegisteredKeyProof() {
    }

    public static String namespace(RealmModel realm) {
        return "hpc-ssh-cert@" + realm.getName();
    }

    /** The exact text the key signs; the CLI builds the same lines. */
    public static String message(RealmModel realm, String accessToken, String fingerprint, long time) {
        return "hpc-ssh-cert key proof v1\n"
                + "realm=" + realm.getName() + "\n"
                + "token=" + tokenHash(accessToken) + "\n"
                + "key=" + fingerprint + "\n"
                + "time=" + time + "\n";
    }

    /**
     * Whether the request proves possession of a registered key: the key to certify ({@code publicKeyLine}), the
     * armored {@code signature} and its {@code time} as the request carries them, {@code accessToken} the bearer
     * value. No signature: not proven. A signature that does not hold: refused.
     */
    public static Outcome of(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
            RegisteredKeyPolicy policy, String accessToken, SshPublicKey key, String signature, Long time)
            throws SignRefusal {
        if (signature == null && time == null) {
            return Outcome.none(policy);
        }
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
        String message = message(realm, accessToken, key.fingerprint(), time);
        boolean valid;
        try {
            valid = parsed.verifies(namespace(realm), message.getBytes(StandardCharsets.UTF_8));
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
        boolean registered = new SshKeyCredentialProvider(session).byFingerprint(caller.user(), key.fingerprint()).isPresent();
        return new Outcome(policy, registered, key.fingerprint());
    }

    /** True when the login's flow used the step "Registered SSH key (first factor)" instead of a password. */
    public static boolean keyFirstLogin(UserSessionModel userSession) {
        return userSession != null && KEY_FIRST_VALUE.equals(userSession.getNote(KEY_FIRST_NOTE));
    }

    /**
     * The rule for key-first logins: the realm must accept a registered key as first factor, and this request must
     * prove it. Other logins are not concerned (their first factor is the password step's).
     */
    public static void requireForKeyLogin(CertificateRequester.Caller caller, Outcome outcome) throws SignRefusal {
        if (!keyFirstLogin(caller.userSession())) {
            return;
        }
        if (!outcome.policy().keyAsFirstFactor()) {
            throw SignRefusal.forbidden("key_first_factor_not_allowed", "Access requires MFA: this login used a "
                    + "registered SSH key instead of a password, which this realm does not accept for certificates; "
                    + "log in with your password and second factor.");
        }
        if (!outcome.proven()) {
            throw SignRefusal.forbidden("key_proof_required", "Access requires MFA: this login skipped the password, "
                    + "so the request must carry a signature of a registered SSH key (hpc-ssh-cert adds it). Register "
                    + "the key first: hpc-ssh-cert keys add ~/.ssh/id_ed25519.pub");
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
