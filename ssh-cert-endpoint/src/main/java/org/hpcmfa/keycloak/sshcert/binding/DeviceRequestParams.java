package org.hpcmfa.keycloak.sshcert.binding;

/**
 * The parameters of the device authorization request ({@code /protocol/openid-connect/auth/device}) that the pack
 * reads. Keycloak keeps unknown parameters of that request as "additional parameters" of the device code, so the
 * verification page can show them; {@link #REQUEST_REF} is written by the pack itself, never taken from a client.
 */
public final class DeviceRequestParams {

    /** The fingerprint of the key the CLI wants certified (SHA256:...). */
    public static final String FINGERPRINT = "ssh_key_fingerprint";
    /** The certificate lifetime the CLI will ask for, in seconds; absent: the CA's default. */
    public static final String TTL = "ssh_cert_ttl";
    /** A random reference to where the request came from, kept in the shared store ({@link RequestOrigins}). */
    public static final String REQUEST_REF = "hpc_ssh_request_ref";

    private DeviceRequestParams() {
    }

    /** A positive ttl in seconds, or null when absent; -1 when present but not a positive number. */
    public static Integer ttl(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int ttl = Integer.parseInt(raw.trim());
            return ttl > 0 ? ttl : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
