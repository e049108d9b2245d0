package org.hpcmfa.keycloak.sshcert.openssh;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OpenSSH user certificate ({@code *-cert-v01@openssh.com}): the fields, their encoding, the CA's signature.
 * Critical options and extensions are written sorted by name, as OpenSSH requires. An extension's value is empty
 * for a flag ({@code permit-pty}); otherwise it is written as a string inside the data field, the way
 * {@code ssh-keygen -O extension:name=value} does (PROTOCOL.certkeys).
 */
public record SshCertificate(
        SshPublicKey subject,
        long serial,
        String keyId,
        List<String> principals,
        long validAfter,
        long validBefore,
        Map<String, String> criticalOptions,
        Map<String, String> extensions,
        byte[] nonce,
        byte[] caPublicBlob) {

    public static final int USER_CERT = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user certificate whose extensions are all flags. */
    public static SshCertificate forUser(SshPublicKey subject, long serial, String keyId, List<String> principals,
            long validAfter, long validBefore, Map<String, String> criticalOptions, List<String> extensions,
            SshCaKey ca) {
        Map<String, String> flags = new TreeMap<>();
        extensions.forEach(name -> flags.put(name, ""));
        return forUser(subject, serial, keyId, principals, validAfter, validBefore, criticalOptions, flags, ca);
    }

    /** A user certificate with a fresh 32-byte nonce, to be signed by {@code ca}; extensions name to value. */
    public static SshCertificate forUser(SshPublicKey subject, long serial, String keyId, List<String> principals,
            long validAfter, long validBefore, Map<String, String> criticalOptions, Map<String, String> extensions,
            SshCaKey ca) {
        if (principals.isEmpty()) {
            throw new IllegalArgumentException("a certificate without principals would be valid for any user");
        }
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return new SshCertificate(subject, serial, keyId, List.copyOf(principals), validAfter, validBefore,
                new TreeMap<>(criticalOptions), new TreeMap<>(extensions), nonce,
                ca.publicBlob());
    }

    /** Everything the CA signs. */
    byte[] body() {
        SshWriter options = new SshWriter();
        criticalOptions.forEach((name, value) -> options.string(name).string(new SshWriter().string(value).toByteArray()));
        SshWriter extensionFields = new SshWriter();
        extensions.forEach((name, value) -> extensionFields.string(name)
                .string(value.isEmpty() ? new byte[0] : new SshWriter().string(value).toByteArray()));
        return new SshWriter()
                .string(subject.certificateType())
                .string(nonce)
                .raw(subject.keyFields())
                .uint64(serial)
                .uint32(USER_CERT)
                .string(keyId)
                .packedStrings(principals)
                .uint64(validAfter)
                .uint64(validBefore)
                .string(options.toByteArray())
                .string(extensionFields.toByteArray())
                .string(new byte[0])
                .string(caPublicBlob)
                .toByteArray();
    }

    /** The signed certificate as the one line of an {@code id_*-cert.pub} file. */
    public String sign(SshCaKey ca, String comment) {
        byte[] body = body();
        byte[] certificate = new SshWriter().raw(body).string(ca.sign(body)).toByteArray();
        return subject.certificateType() + " " + Base64.getEncoder().encodeToString(certificate)
                + (comment == null || comment.isBlank() ? "" : " " + comment.replaceAll("\\s", "_"));
    }

    /** Reads the fields of a certificate line (for revoking by certificate); the signature is not checked. */
    public static SshCertificate parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !parts[0].endsWith("-cert-v01@openssh.com")) {
            throw new IllegalArgumentException("not an OpenSSH certificate line");
        }
        SshReader r = new SshReader(Base64.getDecoder().decode(parts[1]));
        String certType = r.string();
        byte[] nonce = r.bytes();
        String keyType = SshPublicKey.CERT_TYPES.entrySet().stream().filter(e -> e.getValue().equals(certType))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown certificate type " + certType));
        // The key fields have no length prefix: read them the way the key type lays them out.
        SshWriter keyBlob = new SshWriter().string(keyType);
        switch (keyType) {
            case "ssh-ed25519" -> keyBlob.string(r.bytes());
            case "ssh-rsa" -> keyBlob.mpint(r.mpint()).mpint(r.mpint());
            case "sk-ssh-ed25519@openssh.com" -> keyBlob.string(r.bytes()).string(r.bytes());
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> keyBlob.string(r.bytes()).string(r.bytes()).string(r.bytes());
            default -> keyBlob.string(r.bytes()).string(r.bytes());
        }
        SshPublicKey subject = SshPublicKey.fromBlob(keyType, keyBlob.toByteArray());
        long serial = r.uint64();
        r.uint32();
        String keyId = r.string();
        List<String> principals = r.packedStrings();
        long after = r.uint64();
        long before = r.uint64();
        Map<String, String> options = new TreeMap<>();
        SshReader o = new SshReader(r.bytes());
        while (o.hasMore()) {
            String name = o.string();
            options.put(name, new SshReader(o.bytes()).string());
        }
        SshReader e = new SshReader(r.bytes());
        Map<String, String> extensions = new TreeMap<>();
        while (e.hasMore()) {
            String name = e.string();
            byte[] data = e.bytes();
            extensions.put(name, data.length == 0 ? "" : new SshReader(data).string());
        }
        r.bytes();
        byte[] ca = r.bytes();
        return new SshCertificate(subject, serial, keyId, principals, after, before, options, extensions, nonce, ca);
    }

    public String caFingerprint() {
        return SshPublicKey.fingerprint(caPublicBlob);
    }
}
