package org.hpcmfa.keycloak.sshcert.issue;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.openssh.SshCaKey;
import org.hpcmfa.keycloak.sshcert.openssh.SshCertificate;
import org.hpcmfa.keycloak.sshcert.openssh.SshPublicKey;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.CertificateTerms;
import org.hpcmfa.keycloak.sshcert.policy.Principals;
import org.hpcmfa.keycloak.sshcert.policy.SelfEditableAttribute;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.policy.SshCertPolicy;
import org.hpcmfa.keycloak.sshcert.policy.Validity;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Turns an authorized request into a signed, recorded certificate. */
public final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The certificate line and its record; {@code serviceAccount}: issued without a second factor, to automation. */
    public record Issued(String line, SshCertificateEntity record, boolean serviceAccount) {
    }

    private CertificateIssuer() {
    }

    /** @param evidence what the person's login proved, written into the certificate; null for a service account */
    public static Issued issue(KeycloakSession session, RealmModel realm, SshCaComponent ca, CertificateRequester.Caller caller,
            SignRequest request, MfaEvidence evidence) throws SignRefusal {
        SshCertPolicy policy = ca.policy();
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(request.publicKey);
        } catch (IllegalArgumentException e) {
            throw SignRefusal.badRequest("invalid_public_key", e.getMessage());
        }
        if (key.rsaBits() > 0 && key.rsaBits() < policy.rsaMinBits()) {
            throw SignRefusal.badRequest("invalid_public_key", "RSA keys need at least " + policy.rsaMinBits()
                    + " bits (this one has " + key.rsaBits() + "); an Ed25519 key is best (ssh-keygen -t ed25519).");
        }
        UserModel user = caller.user();
        CertificateTerms terms = CertificateTerms.of(policy, caller);
        SelfEditableAttribute.refuseIfEditable(session, caller.serviceAccount()
                ? policy.serviceAccounts().principalsAttribute() : policy.principalsAttribute());
        List<String> principals = Principals.narrow(terms.principals(), request.principals);
        long now = Time.currentTime();
        Validity validity = Validity.of(terms, request.ttl, realm, now);

        RollingWindowLimit limit = new RollingWindowLimit(session.singleUseObjects(),
                "hpc-ssh-cert:" + realm.getId() + ":" + user.getId(), policy.maxCertificatesPerHour(), 3600);
        if (limit.tryAcquire() < 0) {
            throw new SignRefusal(429, "rate_limited", "You got " + policy.maxCertificatesPerHour()
                    + " certificates in the last hour; wait before asking for another.");
        }

        CertificateRecords records = new CertificateRecords(session, realm.getId());
        long serial = freshSerial();
        String keyId = keyId(terms.keyIdTemplate(), realm, user, serial, caller);
        Map<String, String> options = new LinkedHashMap<>();
        if (policy.forceCommand() != null) {
            options.put("force-command", policy.forceCommand());
        }
        if (policy.sourceAddress() != null) {
            options.put("source-address", policy.sourceAddress());
        }
        Map<String, String> extensions = new TreeMap<>();
        Principals.extensions(user, policy).forEach(flag -> extensions.put(flag, ""));
        if (evidence != null && !terms.serviceAccount()) {
            extensions.putAll(evidence.extensions());
        }
        SshCaKey caKey = ca.signingKey();
        String line = SshCertificate.forUser(key, serial, keyId, principals, validity.validAfter(),
                validity.validBefore(), options, extensions, caKey)
                .sign(caKey, user.getUsername() + "@" + realm.getName());

        SshCertificateEntity record = new SshCertificateEntity();
        record.setSerial(serial);
        record.setKeyId(keyId);
        record.setUserId(user.getId());
        record.setClientId(caller.token().getIssuedFor());
        record.setPrincipals(String.join(",", principals));
        record.setKeyFingerprint(key.fingerprint());
        record.setCaFingerprint(caKey.fingerprint());
        record.setIssuedAt(now);
        record.setValidAfter(validity.validAfter());
        record.setValidBefore(validity.validBefore());
        record.setRequestAddress(requestAddress(session));
        return new Issued(line, records.record(record), terms.serviceAccount());
    }

    /** The address the request came from (for a terminal-prompt certificate: the login node's), for "my certificates". */
    static String requestAddress(KeycloakSession session) {
        var connection = session.getContext().getConnection();
        return connection == null ? null : connection.getRemoteAddr();
    }

    /**
     * Random, positive and non-zero. Uniqueness per realm is the database's unique constraint: with 63 random bits
     * a collision is practically impossible, and if one ever happened the insert fails instead of issuing a twin.
     */
    static long freshSerial() {
        long serial;
        do {
            serial = RANDOM.nextLong() & Long.MAX_VALUE;
        } while (serial == 0);
        return serial;
    }

    static String keyId(String template, RealmModel realm, UserModel user, long serial, CertificateRequester.Caller caller) {
        String sid = caller.userSession() == null ? "" : caller.userSession().getId();
        return template.replace("{realm}", realm.getName())
                .replace("{username}", user.getUsername())
                .replace("{userId}", user.getId())
                .replace("{serial}", Long.toUnsignedString(serial))
                .replace("{clientId}", String.valueOf(caller.token().getIssuedFor()))
                .replace("{sid}", sid);
    }
}
