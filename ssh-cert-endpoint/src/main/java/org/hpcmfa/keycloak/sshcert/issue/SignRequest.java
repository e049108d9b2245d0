package org.hpcmfa.keycloak.sshcert.issue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST sign}: the user's public key, optionally fewer principals and a shorter ttl, and optionally
 * a proof of possession of a registered key ({@code key_proof}: {@code signature}, the armored output of
 * {@code ssh-keygen -Y sign}, and {@code time}, see {@link org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyProof}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class SignRequest {

    @JsonProperty("public_key")
    public String publicKey;

    @JsonProperty("principals")
    public List<String> principals;

    @JsonProperty("ttl")
    public Integer ttl;

    @JsonProperty("key_proof")
    public KeyProof keyProof;

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class KeyProof {

        @JsonProperty("signature")
        public String signature;

        @JsonProperty("time")
        public Long time;
    }
}
