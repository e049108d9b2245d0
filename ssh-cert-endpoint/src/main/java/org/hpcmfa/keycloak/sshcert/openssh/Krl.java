package org.hpcmfa.keycloak.sshcert.openssh;

import java.util.List;
import java.util.SortedSet;

/**
 * An OpenSSH key revocation list (PROTOCOL.krl) that revokes certificates by serial, one section per CA key.
 * sshd reads it through {@code RevokedKeys}; an unreadable file makes sshd refuse every key, so this class
 * only ever produces complete files.
 */
public final class Krl {

    private static final long MAGIC = 0x5353484b524c0a00L; // "SSHKRL\n\0"
    private static final int FORMAT_VERSION = 1;
    private static final int SECTION_CERTIFICATES = 1;
    private static final int CERT_SERIAL_LIST = 0x20;

    private Krl() {
    }

    /** The revoked serials of one CA, given by its public key blob. */
    public record CaSection(byte[] caPublicBlob, SortedSet<Long> serials) {
    }

    /** @param version increases with every change, so tools can tell newer lists */
    public static byte[] build(List<CaSection> sections, long version, long generatedAt, String comment) {
        SshWriter krl = new SshWriter()
                .uint64(MAGIC)
                .uint32(FORMAT_VERSION)
                .uint64(version)
                .uint64(generatedAt)
                .uint64(0)
                .string(new byte[0])
                .string(comment);
        for (CaSection ca : sections) {
            if (ca.serials().isEmpty()) {
                continue;
            }
            SshWriter serials = new SshWriter();
            ca.serials().forEach(serials::uint64);
            SshWriter section = new SshWriter()
                    .string(ca.caPublicBlob())
                    .string(new byte[0])
                    .byte8(CERT_SERIAL_LIST)
                    .string(serials.toByteArray());
            krl.byte8(SECTION_CERTIFICATES).string(section.toByteArray());
        }
        return krl.toByteArray();
    }
}
