package org.hpcmfa.keycloak.registrationtoken.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The token's salted hash (see SecretHash); the token itself is only ever in the user's mail. */
public class RegistrationTokenSecretData {

    private final String hash;

    @JsonCreator
    public RegistrationTokenSecretData(@JsonProperty("hash") String hash) {
        this.hash = hash;
    }

    public String getHash() {
        return hash;
    }
}
