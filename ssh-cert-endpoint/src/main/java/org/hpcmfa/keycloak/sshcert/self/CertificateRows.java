package org.hpcmfa.keycloak.sshcert.self;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;

/** The page's rows: what a person needs to recognise a certificate, as text for the template. */
final class CertificateRows {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One certificate; {@code revoked} true once revoked (it stays listed, marked, until it expires). */
    public record Row(String serial, String keyFingerprint, String principals, String client, String address,
            String issued, String expires, boolean revoked) {

        // Freemarker reads JavaBean getters.
        public String getSerial() {
            return serial;
        }

        public String getKeyFingerprint() {
            return keyFingerprint;
        }

        public String getPrincipals() {
            return principals;
        }

        public String getClient() {
            return client;
        }

        public String getAddress() {
            return address;
        }

        public String getIssued() {
            return issued;
        }

        public String getExpires() {
            return expires;
        }

        public boolean isRevoked() {
            return revoked;
        }
    }

    private CertificateRows() {
    }

    static List<Row> of(List<SshCertificateEntity> certificates) {
        return certificates.stream().map(c -> new Row(Long.toUnsignedString(c.getSerial()), c.getKeyFingerprint(),
                c.getPrincipals().replace(",", ", "), c.getClientId() == null ? "-" : c.getClientId(),
                c.getRequestAddress() == null ? "-" : c.getRequestAddress(), when(c.getIssuedAt()),
                when(c.getValidBefore()), c.getRevokedAt() != null)).toList();
    }

    static String when(long epochSeconds) {
        return WHEN.format(Instant.ofEpochSecond(epochSeconds));
    }
}
