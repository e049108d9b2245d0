package org.hpcmfa.keycloak.sms.gateway;

import java.util.List;

/** One HTTP request to a gateway, built from the admin's settings and the message (pure data, so it is testable). */
public record GatewayRequest(String method, String url, List<Header> headers, String contentType, String body) {

    public record Header(String name, String value) {
    }

    public GatewayRequest {
        headers = List.copyOf(headers);
    }
}
