package org.hpcmfa.keycloak.sshcert.keys;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A person's registered SSH keys: checked before they are stored (a key the CA would sign, one line, not twice, not
 * too many), listed, and removed by id or fingerprint; changes are rate limited per person across the cluster.
 * The same public key may be registered by two people: a public key proves nothing without its private key, and
 * refusing it would tell one person that another holds it.
 */
public final class RegisteredKeys {

    /** An OpenSSH public key line of a 16384-bit RSA key is under 3 KB; more is not a key. */
    public static final int MAX_LINE = 8192;
    static final int MAX_COMMENT = 100;
    static final int CHANGES_PER_HOUR = 20;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SshKeyCredentialProvider credentials;

    public RegisteredKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.credentials = new SshKeyCredentialProvider(session);
    }

    public List<SshKeyCredentialModel> of(UserModel user) {
        return credentials.keys(user);
    }

    public Optional<SshKeyCredentialModel> registered(UserModel user, SshPublicKey key) {
        return credentials.byFingerprint(user, key.fingerprint());
    }

    /** Checks and stores one public key line; {@code rsaMinBits}: the CA's minimum, so only signable keys enter. */
    public SshKeyCredentialModel add(UserModel user, String line, int rsaMinBits, RegisteredKeyPolicy policy)
            throws SignRefusal {
        if (line == null || line.isBlank()) {
            throw SignRefusal.badRequest("invalid_public_key", "Send one public key line, as in ~/.ssh/id_ed25519.pub.");
        }
        if (line.length() > MAX_LINE) {
            throw new SignRefusal(413, "too_large", "A public key line has at most " + MAX_LINE + " characters.");
        }
        if (line.trim().contains("\n") || line.trim().contains("\r")) {
            throw SignRefusal.badRequest("invalid_public_key", "Send one key at a time: one line, as in ~/.ssh/id_ed25519.pub.");
        }
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(line);
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_public_key", e.getMessage());
        }
        if (key.rsaBits() > 0 && key.rsaBits() < rsaMinBits) {
            throw SignRefusal.badRequest("invalid_public_key", "RSA keys need at least " + rsaMinBits
                    + " bits (this one has " + key.rsaBits() + "); an Ed25519 key is best (ssh-keygen -t ed25519).");
        }
        List<SshKeyCredentialModel> existing = of(user);
        if (existing.stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()))) {
            throw new SignRefusal(409, "key_already_registered", "This key (" + key.fingerprint()
                    + ") is already registered.");
        }
        if (existing.size() >= policy.maxKeysPerUser()) {
            throw SignRefusal.forbidden("too_many_keys", "You have " + existing.size() + " registered keys, the most "
                    + "this realm allows: remove one first (hpc-ssh-cert keys rm).");
        }
        limit(user);
        String comment = comment(line);
        SshKeyCredentialModel model = SshKeyCredentialModel.create(new SshKeyCredentialModel.Data(key.type(),
                key.fingerprint(), comment, key.toLine(null)), label(comment, key.fingerprint(), existing));
        return SshKeyCredentialModel.from(credentials.createCredential(realm, user, model));
    }

    /** Removes one of the user's keys, named by credential id or fingerprint; another person's key is "not found". */
    public SshKeyCredentialModel remove(UserModel user, String idOrFingerprint) throws SignRefusal {
        SshKeyCredentialModel key = of(user).stream()
                .filter(k -> k.getId().equals(idOrFingerprint) || k.fingerprint().equals(idOrFingerprint))
                .findFirst()
                .orElseThrow(() -> new SignRefusal(404, "key_not_found", "You have no registered key '"
                        + idOrFingerprint + "' (hpc-ssh-cert keys list shows yours)."));
        limit(user);
        credentials.deleteCredential(realm, user, key.getId());
        return key;
    }

    private void limit(UserModel user) throws SignRefusal {
        RollingWindowLimit limit = new RollingWindowLimit(session.singleUseObjects(),
                "hpc-ssh-keys:" + realm.getId() + ":" + user.getId(), CHANGES_PER_HOUR, 3600);
        if (limit.tryAcquire() < 0) {
            throw new SignRefusal(429, "rate_limited", "You changed your registered keys " + CHANGES_PER_HOUR
                    + " times in the last hour; wait before the next change.");
        }
    }

    /** The comment of a key line: printable, at most {@value #MAX_COMMENT} characters, or empty. */
    static String comment(String line) {
        String[] parts = line.trim().split("\\s+", 3);
        if (parts.length < 3) {
            return "";
        }
        String printable = parts[2].replaceAll("[\\p{Cntrl}\\p{Cf}]", "").trim();
        return printable.length() > MAX_COMMENT ? printable.substring(0, MAX_COMMENT) : printable;
    }

    /** The comment, unless another key of the user has that label (labels are unique per user and type). */
    static String label(String comment, String fingerprint, List<SshKeyCredentialModel> existing) {
        if (comment.isEmpty()) {
            return fingerprint;
        }
        String lower = comment.toLowerCase(Locale.ROOT);
        boolean taken = existing.stream().anyMatch(k -> k.getUserLabel() != null
                && k.getUserLabel().toLowerCase(Locale.ROOT).equals(lower));
        return taken ? comment + " (" + fingerprint + ")" : comment;
    }
}
