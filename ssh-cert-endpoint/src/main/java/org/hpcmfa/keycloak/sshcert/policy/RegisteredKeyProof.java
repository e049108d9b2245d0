package org.hpcmfa.keycloak.sshcert.policy;

import org.hpcmfa.keycloak.sshcert.keys.SshKeyCredentialProvider;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
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
        return KeyPossession.message("hpc-ssh-cert key proof v1", realm, accessToken, fingerprint, time);
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
        KeyPossession.verify(session, realm, namespace(realm), message(realm, accessToken, key.fingerprint(),
                time == null ? 0 : time), key, signature, time);
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
}
