package org.hpcmfa.keycloak.sshcert.binding;

import java.util.List;

/**
 * What the review page shows, as the CA would issue it: the client (its display name and id), where the device
 * login was requested from, the key's fingerprint (null: the client named no key), the principals and the
 * lifetime. Getters, because the login theme's templates read JavaBean properties.
 */
public final class KeyReview {

    private final String clientName;
    private final String clientId;
    private final String requesterAddress;
    private final String browserAddress;
    private final String fingerprint;
    private final List<String> principals;
    private final int ttlSeconds;

    public KeyReview(String clientName, String clientId, String requesterAddress, String browserAddress,
            String fingerprint, List<String> principals, int ttlSeconds) {
        this.clientName = clientName;
        this.clientId = clientId;
        this.requesterAddress = requesterAddress;
        this.browserAddress = browserAddress;
        this.fingerprint = fingerprint;
        this.principals = List.copyOf(principals);
        this.ttlSeconds = ttlSeconds;
    }

    public String getClientName() {
        return clientName;
    }

    public String getClientId() {
        return clientId;
    }

    /** Null when the request's origin was not recorded (the client policy is missing). */
    public String getRequesterAddress() {
        return requesterAddress;
    }

    public String getBrowserAddress() {
        return browserAddress;
    }

    /** True when the login was started from another address than this browser's: worth a second look. */
    public boolean isOtherAddress() {
        return requesterAddress != null && !requesterAddress.equals(browserAddress);
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public List<String> getPrincipals() {
        return principals;
    }

    public int getTtlSeconds() {
        return ttlSeconds;
    }

    /** "8 h", "45 min", "1 h 30 min": readable in all the pack's languages. */
    public String getLifetime() {
        int hours = ttlSeconds / 3600;
        int minutes = (ttlSeconds % 3600 + 59) / 60;
        if (minutes == 60) {
            hours++;
            minutes = 0;
        }
        if (hours == 0) {
            return minutes + " min";
        }
        return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }
}
