package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A user's public key as it arrives in a certificate request (one {@code .pub} or authorized_keys line),
 * checked before anything is signed: a known type, a consistent blob, a large enough RSA modulus, a valid curve
 * point. Everything else is refused with a message a person can act on.
 */
public final class SshPublicKey {

    /** Key type to certificate type, for every type we sign. */
    static final Map<String, String> CERT_TYPES = Map.of(
            "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "ssh-rsa", "ssh-rsa-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com");

    private static final Map<String, Integer> EC_POINT_BYTES = Map.of("nistp256", 65, "nistp384", 97, "nistp521", 133);

    private final String type;
    private final byte[] blob;
    private final int rsaBits;

    private SshPublicKey(String type, byte[] blob, int rsaBits) {
        this.type = type;
        this.blob = blob;
        this.rsaBits = rsaBits;
    }

    /** Parses {@code <type> <base64> [comment]}; refuses certificates, DSA and malformed keys. */
    public static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("public_key is empty");
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("public_key must be one line '<type> <base64> [comment]', as in id_ed25519.pub");
        }
        String type = parts[0];
        if ("ssh-dss".equals(type)) {
            throw new IllegalArgumentException("DSA keys are not accepted; use an Ed25519 key (ssh-keygen -t ed25519)");
        }
        if (type.contains("-cert-v01@openssh.com")) {
            throw new IllegalArgumentException("public_key is a certificate; send the public key itself");
        }
        if (!CERT_TYPES.containsKey(type)) {
            throw new IllegalArgumentException("key type '" + type + "' is not accepted");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public_key is not valid base64");
        }
        return fromBlob(type, blob);
    }

    static SshPublicKey fromBlob(String expectedType, byte[] blob) {
        SshReader reader = new SshReader(blob);
        String inner = reader.string();
        if (!inner.equals(expectedType)) {
            throw new IllegalArgumentException("public_key says '" + expectedType + "' but contains a '" + inner + "' key");
        }
        int rsaBits = 0;
        switch (inner) {
            case "ssh-ed25519", "sk-ssh-ed25519@openssh.com" -> {
                if (reader.bytes().length != 32) {
                    throw new IllegalArgumentException("malformed Ed25519 key");
                }
            }
            case "ssh-rsa" -> {
                BigInteger e = reader.mpint();
                BigInteger n = reader.mpint();
                if (e.signum() <= 0 || n.signum() <= 0 || !e.testBit(0)) {
                    throw new IllegalArgumentException("malformed RSA key");
                }
                rsaBits = n.bitLength();
            }
            default -> {
                String curve = reader.string();
                byte[] point = reader.bytes();
                if (!inner.contains(curve) || point.length != EC_POINT_BYTES.getOrDefault(curve, -1) || point[0] != 4) {
                    throw new IllegalArgumentException("malformed ECDSA key");
                }
            }
        }
        if (inner.startsWith("sk-")) {
            reader.string(); // the FIDO application, e.g. "ssh:"
        }
        if (reader.hasMore()) {
            throw new IllegalArgumentException("malformed key: trailing data");
        }
        return new SshPublicKey(inner, blob, rsaBits);
    }

    public String type() {
        return type;
    }

    public String certificateType() {
        return CERT_TYPES.get(type);
    }

    public byte[] blob() {
        return blob.clone();
    }

    /** 0 unless RSA. */
    public int rsaBits() {
        return rsaBits;
    }

    /** The blob's fields after its type string: what a certificate embeds. */
    byte[] keyFields() {
        SshReader reader = new SshReader(blob);
        reader.string();
        return reader.rest();
    }

    /** As ssh-keygen -l prints it: {@code SHA256:<base64 without padding>}. */
    public String fingerprint() {
        return fingerprint(blob);
    }

    public static String fingerprint(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toLine(String comment) {
        return type + " " + Base64.getEncoder().encodeToString(blob)
                + (comment == null || comment.isBlank() ? "" : " " + comment.replaceAll("\\s", "_"));
    }

    @Override
    public String toString() {
        return type + " " + fingerprint();
    }
}
