package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;

/** The JDK signs ECDSA as DER {@code SEQUENCE {r, s}}; OpenSSH wants {@code mpint r, mpint s}. */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    static byte[] derToSsh(byte[] der) {
        int[] pos = {0};
        expect(der, pos, 0x30);
        readLength(der, pos);
        BigInteger r = readInteger(der, pos);
        BigInteger s = readInteger(der, pos);
        return new SshWriter().mpint(r).mpint(s).toByteArray();
    }

    private static BigInteger readInteger(byte[] der, int[] pos) {
        expect(der, pos, 0x02);
        int length = readLength(der, pos);
        byte[] value = new byte[length];
        System.arraycopy(der, pos[0], value, 0, length);
        pos[0] += length;
        return new BigInteger(value);
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xFF) != tag) {
            throw new IllegalStateException("unexpected DER from the JDK's ECDSA signer");
        }
    }

    private static int readLength(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xFF);
        }
        return length;
    }
}
