package org.hpcmfa.keycloak.common.terminal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of {@link TerminalCertificates#issue}: the certificate's JSON fields (those of {@code ssh-ca/sign}'s
 * answer), or the stable error code and description of the refusal.
 */
public record TerminalCertificate(Map<String, Object> fields, String error, String description) {

    public TerminalCertificate {
        // In the order of the sign answer, which clients may show as it comes.
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static TerminalCertificate issued(Map<String, Object> fields) {
        return new TerminalCertificate(fields, null, null);
    }

    public static TerminalCertificate refused(String error, String description) {
        return new TerminalCertificate(Map.of(), error, description);
    }

    public boolean isIssued() {
        return error == null;
    }
}
