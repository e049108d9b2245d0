package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;

/** The JDK signs ECDSA as DER {@code SEQUENCE {r, s}}; OpenSSH wants {@code mpint r, mpint s}; and back. */
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

    /** OpenSSH's {@code r, s} as the DER the JDK verifies; negative values (malformed) are refused. */
    static byte[] sshToDer(BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || s.signum() <= 0) {
            throw new IllegalArgumentException("malformed ECDSA signature");
        }
        byte[] rs = concat(integer(r), integer(s));
        return concat(new byte[] {0x30}, length(rs.length), rs);
    }

    private static byte[] integer(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return concat(new byte[] {0x02}, length(bytes.length), bytes);
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        return length < 0x100 ? new byte[] {(byte) 0x81, (byte) length}
                : new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
