package org.hpcmfa.keycloak.sshcert.self;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;

/** The page's rows: what a person needs to recognise a certificate, as text for the template. */
public final class CertificateRows {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * One certificate; revoked ones stay listed, marked, until they expire. A class with getters, not a record:
     * Freemarker would see a record's {@code serial()} as a method, not as the property {@code serial}.
     */
    public static final class Row {
        private final String serial;
        private final String keyFingerprint;
        private final String principals;
        private final String client;
        private final String address;
        private final String expires;
        private final boolean revoked;

        Row(SshCertificateEntity c) {
            this.serial = Long.toUnsignedString(c.getSerial());
            this.keyFingerprint = c.getKeyFingerprint();
            this.principals = c.getPrincipals().replace(",", ", ");
            this.client = c.getClientId() == null ? "-" : c.getClientId();
            this.address = c.getRequestAddress() == null ? "-" : c.getRequestAddress();
            this.expires = when(c.getValidBefore());
            this.revoked = c.getRevokedAt() != null;
        }

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

        public String getExpires() {
            return expires;
        }

        public boolean isRevoked() {
            return revoked;
        }
    }

    private CertificateRows() {
    }

    public static List<Row> of(List<SshCertificateEntity> certificates) {
        return certificates.stream().map(Row::new).toList();
    }

    static String when(long epochSeconds) {
        return WHEN.format(Instant.ofEpochSecond(epochSeconds));
    }
}
