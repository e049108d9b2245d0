package org.hpcmfa.keycloak.sshcert.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST sign}: the user's public key, optionally fewer principals and a shorter ttl. */
@JsonIgnoreProperties(ignoreUnknown = false)
public class SignRequest {

    @JsonProperty("public_key")
    public String publicKey;

    @JsonProperty("principals")
    public List<String> principals;

    @JsonProperty("ttl")
    public Integer ttl;
}
