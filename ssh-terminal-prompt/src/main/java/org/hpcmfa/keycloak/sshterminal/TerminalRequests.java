package org.hpcmfa.keycloak.sshterminal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON bodies the login node sends. */
final class TerminalRequests {

    private TerminalRequests() {
    }

    /** {@code POST start}: whose key sshd accepted, from where, and the terminal's language if known. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    static class Start {
        @JsonProperty("username")
        public String username;

        @JsonProperty("remote_address")
        public String remoteAddress;

        @JsonProperty("locale")
        public String locale;
    }

    /**
     * {@code POST finish}: the handle, what the user typed (may be empty), optionally a key to certify, and how
     * long Keycloak may wait for the phone's approval when the answer is empty ({@code wait}, seconds, at most 25).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    static class Finish {
        @JsonProperty("handle")
        public String handle;

        @JsonProperty("answer")
        public String answer;

        @JsonProperty("public_key")
        public String publicKey;

        @JsonProperty("locale")
        public String locale;

        @JsonProperty("wait")
        public Integer waitSeconds;
    }
}
