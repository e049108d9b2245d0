package org.hpcmfa.keycloak.push.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.apache.commons.codec.binary.Base32;

/**
 * The crypto of the privacyIDEA Authenticator protocol: RSA-4096 keys, RSASSA-PKCS1-v1_5 with SHA-256 over the
 * UTF-8 sign string, signatures in upper-case base32 with padding. Keys travel differently in each direction: the
 * server's as PKCS#1 RSAPublicKey DER in base64, the phone's as X.509 SubjectPublicKeyInfo DER in base64.
 */
public final class PushCrypto {

    public static final int RSA_BITS = 4096;

    private PushCrypto() {
    }

    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(PrivateKey key, String signString) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signString.getBytes(StandardCharsets.UTF_8));
            return new Base32().encodeAsString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a push challenge failed", e);
        }
    }

    /** False for a wrong signature and for anything that is not a base32 RSA signature at all. */
    public static boolean verify(PublicKey key, String signString, String base32Signature) {
        if (base32Signature == null || base32Signature.isEmpty() || !base32Signature.matches("[A-Z2-7=]+")) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(signString.getBytes(StandardCharsets.UTF_8));
            return signature.verify(new Base32().decode(base32Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The server key as the app parses it: base64 of DER {@code SEQUENCE { INTEGER n, INTEGER e }}. */
    public static String toPkcs1Base64(RSAPublicKey key) {
        byte[] n = derInteger(key.getModulus());
        byte[] e = derInteger(key.getPublicExponent());
        byte[] body = new byte[n.length + e.length];
        System.arraycopy(n, 0, body, 0, n.length);
        System.arraycopy(e, 0, body, n.length, e.length);
        return Base64.getEncoder().encodeToString(derTlv(0x30, body));
    }

    /**
     * The phone's key as it arrives in a form: SPKI base64; a '+' may have become a space in form decoding and
     * URL-safe characters are tolerated, as privacyIDEA does. Null if it is not an RSA key of at least 2048 bits.
     */
    public static RSAPublicKey parsePhoneKey(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalized = value.trim().replace('-', '+').replace('_', '/').replace(' ', '+');
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(normalized)));
            RSAPublicKey rsa = (RSAPublicKey) key;
            return rsa.getModulus().bitLength() >= 2048 ? rsa : null;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    public static RSAPublicKey parseSpki(String base64) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored push key unreadable", e);
        }
    }

    private static byte[] derInteger(BigInteger value) {
        return derTlv(0x02, value.toByteArray());
    }

    private static byte[] derTlv(int tag, byte[] value) {
        byte[] length;
        if (value.length < 0x80) {
            length = new byte[] {(byte) value.length};
        } else if (value.length < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) value.length};
        } else {
            length = new byte[] {(byte) 0x82, (byte) (value.length >> 8), (byte) value.length};
        }
        byte[] out = new byte[1 + length.length + value.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(value, 0, out, 1 + length.length, value.length);
        return out;
    }
}
