package org.hpcmfa.keycloak.sshcert.renew;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.hpcmfa.keycloak.sshcert.issue.SignRequest;

/** The bodies of {@code POST renew/start} and {@code POST renew/finish}. */
public final class RenewalRequests {

    private RenewalRequests() {
    }

    /**
     * The key to renew the certificate of, the proof of holding it ({@link RenewalProof}), optionally a shorter
     * ttl and the terminal's locale.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Start {

        @JsonProperty("public_key")
        public String publicKey;

        @JsonProperty("key_proof")
        public SignRequest.KeyProof keyProof;

        @JsonProperty("ttl")
        public Integer ttl;

        @JsonProperty("locale")
        public String locale;
    }

    /**
     * The handle of {@code start}, what the person typed (nothing after a push approval), and how long the server
     * may wait for the phone's answer ({@code wait}, seconds) before it answers "pending".
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Finish {

        @JsonProperty("handle")
        public String handle;

        @JsonProperty("answer")
        public String answer;

        @JsonProperty("wait")
        public Integer waitSeconds;

        @JsonProperty("locale")
        public String locale;
    }
}
