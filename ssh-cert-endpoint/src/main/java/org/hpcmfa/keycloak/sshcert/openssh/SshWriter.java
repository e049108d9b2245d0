package org.hpcmfa.keycloak.sshcert.openssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4251 data types, written in order: the encoding of keys, certificates, signatures and KRLs. */
public final class SshWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public SshWriter uint32(long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
        return this;
    }

    public SshWriter uint64(long value) {
        uint32(value >>> 32);
        return uint32(value & 0xFFFFFFFFL);
    }

    public SshWriter byte8(int value) {
        out.write(value);
        return this;
    }

    public SshWriter string(byte[] value) {
        uint32(value.length);
        out.writeBytes(value);
        return this;
    }

    public SshWriter string(String value) {
        return string(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Two's complement, big endian, no superfluous leading bytes; zero is the empty string. */
    public SshWriter mpint(BigInteger value) {
        return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    /** Bytes written as they are, for fields already encoded elsewhere. */
    public SshWriter raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** A list of strings packed into one string, as certificate principals are. */
    public SshWriter packedStrings(List<String> values) {
        SshWriter inner = new SshWriter();
        values.forEach(inner::string);
        return string(inner.toByteArray());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
