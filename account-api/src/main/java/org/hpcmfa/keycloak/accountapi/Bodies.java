package org.hpcmfa.keycloak.accountapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The account API's JSON bodies, read by mfa-common's {@code JsonBodies}: unknown fields are refused. */
final class Bodies {

    private Bodies() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Enrolment {
        @JsonProperty("method")
        public String method;
        @JsonProperty("phone")
        public String phone;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Code {
        @JsonProperty("code")
        public String code;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Method {
        @JsonProperty("method")
        public String method;
    }

}
