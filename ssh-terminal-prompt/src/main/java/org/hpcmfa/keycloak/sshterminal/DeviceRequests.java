package org.hpcmfa.keycloak.sshterminal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON bodies the login node sends in device mode ({@code ssh-terminal/device/start|finish}). */
final class DeviceRequests {

    private DeviceRequests() {
    }

    /** {@code POST device/start}: whose key sshd accepted, from where, and the terminal's language if known. */
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
     * {@code POST device/finish}: the account, and either the access token the device grant gave the login node,
     * or the RFC 8628 error that ended it ({@code access_denied}, {@code expired_token}, or {@code timeout} when
     * the node stopped waiting); optionally a key to certify.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    static class Finish {
        @JsonProperty("username")
        public String username;

        @JsonProperty("remote_address")
        public String remoteAddress;

        @JsonProperty("access_token")
        public String accessToken;

        @JsonProperty("error")
        public String error;

        @JsonProperty("public_key")
        public String publicKey;

        @JsonProperty("locale")
        public String locale;
    }
}
