package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An OpenSSH "SSHSIG" signature, as {@code ssh-keygen -Y sign} writes it (PROTOCOL.sshsig): the signer's public key,
 * a namespace, a hash algorithm and the signature over {@code "SSHSIG" || namespace || reserved || hash_alg ||
 * H(message)}. Verified here for Ed25519, ECDSA (P-256/384/521) and RSA (rsa-sha2-256/512; SHA-1 is refused).
 * Every malformed input ends in an IllegalArgumentException with a message a person can act on.
 */
public final class SshSignature {

    private static final String MAGIC = "SSHSIG";
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";
    private static final int MAX_ARMORED = 8192;
    private static final Map<String, String> EC_CURVES = Map.of(
            "ecdsa-sha2-nistp256", "secp256r1", "ecdsa-sha2-nistp384", "secp384r1", "ecdsa-sha2-nistp521", "secp521r1");
    private static final Map<String, String> EC_DIGESTS = Map.of(
            "ecdsa-sha2-nistp256", "SHA256withECDSA", "ecdsa-sha2-nistp384", "SHA384withECDSA",
            "ecdsa-sha2-nistp521", "SHA512withECDSA");

    private final SshPublicKey key;
    private final String namespace;
    private final String hashAlgorithm;
    private final String signatureAlgorithm;
    private final byte[] signature;

    private SshSignature(SshPublicKey key, String namespace, String hashAlgorithm, String signatureAlgorithm,
            byte[] signature) {
        this.key = key;
        this.namespace = namespace;
        this.hashAlgorithm = hashAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature;
    }

    /** Parses the armored text ssh-keygen prints ("-----BEGIN SSH SIGNATURE-----" ...). */
    public static SshSignature parseArmored(String armored) {
        if (armored == null || armored.isBlank()) {
            throw new IllegalArgumentException("the signature is empty");
        }
        if (armored.length() > MAX_ARMORED) {
            throw new IllegalArgumentException("the signature is too long");
        }
        String text = armored.trim();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("the signature is not an OpenSSH signature (ssh-keygen -Y sign)");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature is not valid base64");
        }
        return parse(blob);
    }

    static SshSignature parse(byte[] blob) {
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (blob.length < magic.length || !Arrays.equals(Arrays.copyOf(blob, magic.length), magic)) {
            throw new IllegalArgumentException("the signature does not start with SSHSIG");
        }
        SshReader reader = new SshReader(Arrays.copyOfRange(blob, magic.length, blob.length));
        if (reader.uint32() != 1) {
            throw new IllegalArgumentException("unknown SSHSIG version");
        }
        byte[] keyBlob = reader.bytes();
        String namespace = reader.string();
        reader.bytes(); // reserved
        String hash = reader.string();
        SshReader sig = new SshReader(reader.bytes());
        if (reader.hasMore()) {
            throw new IllegalArgumentException("the signature has trailing data");
        }
        if (!"sha512".equals(hash) && !"sha256".equals(hash)) {
            throw new IllegalArgumentException("unknown hash algorithm '" + hash + "'");
        }
        String keyType = new SshReader(keyBlob).string();
        SshPublicKey key = SshPublicKey.fromBlob(keyType, keyBlob);
        String algorithm = sig.string();
        byte[] value = sig.bytes();
        return new SshSignature(key, namespace, hash, algorithm, value);
    }

    /** The key that made the signature. */
    public SshPublicKey key() {
        return key;
    }

    public String namespace() {
        return namespace;
    }

    /** True when the signature is the key's over {@code message} in {@code expectedNamespace}. */
    public boolean verifies(String expectedNamespace, byte[] message) {
        if (!namespace.equals(expectedNamespace)) {
            return false;
        }
        byte[] signed = signedData(message);
        try {
            return switch (key.type()) {
                case "ssh-ed25519" -> "ssh-ed25519".equals(signatureAlgorithm) && verifyEd25519(signed);
                case "ssh-rsa" -> verifyRsa(signed);
                case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" ->
                        key.type().equals(signatureAlgorithm) && verifyEcdsa(signed);
                default -> throw new IllegalArgumentException("signatures of " + key.type()
                        + " keys are not accepted here; use an Ed25519, ECDSA or RSA key");
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException refusal && refusal.getMessage().startsWith("signatures of")) {
                throw refusal;
            }
            return false;
        }
    }

    private byte[] signedData(byte[] message) {
        try {
            byte[] digest = MessageDigest.getInstance("sha512".equals(hashAlgorithm) ? "SHA-512" : "SHA-256").digest(message);
            return new SshWriter().raw(MAGIC.getBytes(StandardCharsets.US_ASCII)).string(namespace).string(new byte[0]).string(hashAlgorithm)
                    .string(digest).toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean verifyEd25519(byte[] signed) {
        byte[] fields = key.keyFields();
        byte[] point = new SshReader(fields).bytes();
        if (signature.length != 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(point, 0));
        verifier.update(signed, 0, signed.length);
        return verifier.verifySignature(signature);
    }

    private boolean verifyRsa(byte[] signed) throws GeneralSecurityException {
        String jca = switch (signatureAlgorithm) {
            case "rsa-sha2-512" -> "SHA512withRSA";
            case "rsa-sha2-256" -> "SHA256withRSA";
            default -> null; // ssh-rsa (SHA-1) and anything else
        };
        if (jca == null) {
            return false;
        }
        SshReader fields = new SshReader(key.keyFields());
        BigInteger e = fields.mpint();
        BigInteger n = fields.mpint();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        return jcaVerify(jca, publicKey, signed, signature);
    }

    private boolean verifyEcdsa(byte[] signed) throws GeneralSecurityException {
        SshReader fields = new SshReader(key.keyFields());
        fields.string(); // curve name, checked by SshPublicKey
        byte[] point = fields.bytes();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(EC_CURVES.get(key.type())));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        int size = (point.length - 1) / 2;
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length)));
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
        SshReader rs = new SshReader(signature);
        byte[] der = EcdsaSignatures.sshToDer(rs.mpint(), rs.mpint());
        return !rs.hasMore() && jcaVerify(EC_DIGESTS.get(key.type()), publicKey, signed, der);
    }

    private static boolean jcaVerify(String algorithm, PublicKey publicKey, byte[] signed, byte[] value)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(signed);
        return verifier.verify(value);
    }
}
