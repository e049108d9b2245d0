package org.hpcmfa.keycloak.sshcert.openssh;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4251 data; every malformed input ends in an IllegalArgumentException, never anything else. */
public final class SshReader {

    private static final int MAX_STRING = 1 << 20;

    private final ByteBuffer in;

    public SshReader(byte[] data) {
        this.in = ByteBuffer.wrap(data);
    }

    public long uint32() {
        try {
            return in.getInt() & 0xFFFFFFFFL;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated data");
        }
    }

    public long uint64() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated data");
        }
    }

    public byte[] bytes() {
        long length = uint32();
        if (length > MAX_STRING || length > in.remaining()) {
            throw new IllegalArgumentException("truncated data");
        }
        byte[] value = new byte[(int) length];
        in.get(value);
        return value;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public BigInteger mpint() {
        byte[] value = bytes();
        return value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
    }

    public List<String> packedStrings() {
        SshReader inner = new SshReader(bytes());
        List<String> values = new ArrayList<>();
        while (inner.hasMore()) {
            values.add(inner.string());
        }
        return values;
    }

    /** Everything not read yet. */
    public byte[] rest() {
        byte[] value = new byte[in.remaining()];
        in.get(value);
        return value;
    }

    public int position() {
        return in.position();
    }

    public boolean hasMore() {
        return in.hasRemaining();
    }
}
