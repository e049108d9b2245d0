package org.hpcmfa.keycloak.sshcert.binding;

import java.util.Map;
import java.util.UUID;

import org.keycloak.models.KeycloakSession;

/**
 * Where a device login was requested from. Keycloak does not keep the requester's address with the device code,
 * so the pack's client-policy executor stores it in the cluster-wide single-use store under a random reference
 * and puts only the reference into the device code's parameters. A client cannot forge an address: a reference
 * it invents finds nothing, and the page then says the address was not recorded.
 */
public final class RequestOrigins {

    private static final String PREFIX = "hpc-ssh-device-origin:";
    private static final String ADDRESS = "address";

    private RequestOrigins() {
    }

    /** Stores the address for as long as the device code lives (plus a margin); returns the reference. */
    public static String record(KeycloakSession session, String address, int lifespanSeconds) {
        String ref = UUID.randomUUID().toString();
        session.singleUseObjects().put(PREFIX + ref, lifespanSeconds + 60L, Map.of(ADDRESS, address));
        return ref;
    }

    /** The recorded address, or null when the reference is missing, invented or expired. */
    public static String address(KeycloakSession session, String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 64) {
            return null;
        }
        Map<String, String> stored = session.singleUseObjects().get(PREFIX + ref);
        return stored == null ? null : stored.get(ADDRESS);
    }
}
