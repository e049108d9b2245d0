package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A CA key pair with the JDK's own crypto (Ed25519 is in the JDK since 15; its signatures are made with Bouncy
 * Castle, which Keycloak ships, for speed): generated inside Keycloak,
 * stored as PKCS#8 (private) and X.509 (public) in the realm's component, published as an OpenSSH line, used to
 * sign certificates with the signature algorithm sshd expects (rsa-sha2-512 for RSA).
 */
public final class SshCaKey {

    private final CaAlgorithm algorithm;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    /** Bouncy Castle's Ed25519 (shipped with Keycloak) signs about five times faster than the JDK's. */
    private final Ed25519PrivateKeyParameters ed25519;

    private SshCaKey(CaAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.ed25519 = algorithm == CaAlgorithm.ED25519 && privateKey instanceof EdECPrivateKey edec
                ? edec.getBytes().map(seed -> new Ed25519PrivateKeyParameters(seed, 0)).orElse(null)
                : null;
    }

    public static SshCaKey generate(CaAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            if (algorithm == CaAlgorithm.ECDSA_P256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else if (algorithm == CaAlgorithm.RSA_4096) {
                generator.initialize(4096);
            }
            KeyPair pair = generator.generateKeyPair();
            return new SshCaKey(algorithm, pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
        }
    }

    /** From the stored forms: base64 X.509 public key and base64 PKCS#8 private key (may be null: verify only). */
    public static SshCaKey load(CaAlgorithm algorithm, String publicX509, String privatePkcs8) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm.jcaName());
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicX509)));
            PrivateKey privateKey = privatePkcs8 == null ? null
                    : factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePkcs8)));
            return new SshCaKey(algorithm, publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored SSH CA key is unreadable", e);
        }
    }

    public CaAlgorithm algorithm() {
        return algorithm;
    }

    public String publicX509() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String privatePkcs8() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The OpenSSH public key blob, as certificates name their signer. */
    public byte[] publicBlob() {
        SshWriter w = new SshWriter().string(algorithm.sshType());
        switch (algorithm) {
            case ED25519 -> {
                byte[] x509 = publicKey.getEncoded();
                w.string(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
            }
            case ECDSA_P256 -> w.string("nistp256").string(ecPoint((ECPublicKey) publicKey));
            case RSA_4096 -> {
                RSAPublicKey rsa = (RSAPublicKey) publicKey;
                w.mpint(rsa.getPublicExponent()).mpint(rsa.getModulus());
            }
        }
        return w.toByteArray();
    }

    /** One {@code TrustedUserCAKeys} line. */
    public String publicLine(String comment) {
        return algorithm.sshType() + " " + Base64.getEncoder().encodeToString(publicBlob()) + " " + comment;
    }

    public String fingerprint() {
        return SshPublicKey.fingerprint(publicBlob());
    }

    /** An OpenSSH signature blob over {@code data}. */
    public byte[] sign(byte[] data) {
        if (privateKey == null) {
            throw new IllegalStateException("this CA key is published only; it cannot sign");
        }
        try {
            return switch (algorithm) {
                case ED25519 -> new SshWriter().string("ssh-ed25519").string(ed25519Sign(data)).toByteArray();
                case ECDSA_P256 -> new SshWriter().string("ecdsa-sha2-nistp256")
                        .string(EcdsaSignatures.derToSsh(jcaSign("SHA256withECDSA", data))).toByteArray();
                case RSA_4096 -> new SshWriter().string("rsa-sha2-512").string(jcaSign("SHA512withRSA", data)).toByteArray();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with the SSH CA key failed", e);
        }
    }

    private byte[] ed25519Sign(byte[] data) throws GeneralSecurityException {
        if (ed25519 == null) {
            return jcaSign("Ed25519", data);
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, ed25519);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    private byte[] jcaSign(String jcaAlgorithm, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(privateKey);
        signature.update(data);
        return signature.sign();
    }

    private static byte[] ecPoint(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        copyUnsigned(key.getW().getAffineX(), point, 1);
        copyUnsigned(key.getW().getAffineY(), point, 33);
        return point;
    }

    private static void copyUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 32 ? bytes.length - 32 : 0;
        System.arraycopy(bytes, skip, target, offset + 32 - (bytes.length - skip), bytes.length - skip);
    }
}
