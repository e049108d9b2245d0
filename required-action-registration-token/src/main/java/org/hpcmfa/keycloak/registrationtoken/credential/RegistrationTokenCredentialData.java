package org.hpcmfa.keycloak.registrationtoken.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the admin console shows about a registration token ("Show data"): when it expires, who issued it and
 * when it was used. Times are epoch seconds; {@code usedAt} is null while the token is unused.
 */
public class RegistrationTokenCredentialData {

    private final long expiresAt;
    private final String issuedBy;
    private final Long usedAt;

    @JsonCreator
    public RegistrationTokenCredentialData(@JsonProperty("expiresAt") long expiresAt,
            @JsonProperty("issuedBy") String issuedBy, @JsonProperty("usedAt") Long usedAt) {
        this.expiresAt = expiresAt;
        this.issuedBy = issuedBy;
        this.usedAt = usedAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public Long getUsedAt() {
        return usedAt;
    }
}
