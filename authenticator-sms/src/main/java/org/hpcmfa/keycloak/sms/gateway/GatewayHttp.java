package org.hpcmfa.keycloak.sms.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Sends a {@link GatewayRequest} with Keycloak's own HTTP client, so the server's outgoing proxy, truststore and
 * timeouts apply as they do for identity providers. Any answer outside 2xx, and any network error, is a
 * {@link DeliveryFailure} that says which.
 */
public final class GatewayHttp {

    /** What a gateway answered, for gateways that read the body of an error (a provider's error code). */
    public record Answer(int status, String body) {
    }

    private GatewayHttp() {
    }

    public static Answer send(KeycloakSession session, GatewayRequest request, String gatewayName) throws DeliveryFailure {
        if (request.url() == null || request.url().isBlank()) {
            throw new DeliveryFailure(gatewayName + " gateway has no URL configured", null);
        }
        HttpUriRequest http;
        try {
            RequestBuilder builder = RequestBuilder.create(request.method()).setUri(request.url());
            request.headers().forEach(h -> builder.addHeader(h.name(), h.value()));
            if (request.body() != null && !request.body().isEmpty() && !"GET".equals(request.method())) {
                builder.setEntity(new StringEntity(request.body(),
                        ContentType.parse(request.contentType()).withCharset(StandardCharsets.UTF_8)));
            }
            http = builder.build();
        } catch (IllegalArgumentException | org.apache.http.ParseException badSetting) {
            throw new DeliveryFailure(gatewayName + " gateway settings are not a valid request", badSetting);
        }
        try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(http)) {
            int status = response.getStatusLine().getStatusCode();
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (status < 200 || status > 299) {
                throw new DeliveryFailure(gatewayName + " gateway answered HTTP " + status + providerError(body), null);
            }
            return new Answer(status, body);
        } catch (IOException unreachable) {
            throw new DeliveryFailure(gatewayName + " gateway unreachable (" + unreachable.getClass().getSimpleName() + ")",
                    unreachable);
        }
    }

    /** A provider's numeric error code, when its answer carries one ({@code "code": 21211}); nothing else of it. */
    static String providerError(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"?([0-9A-Za-z_]{1,32})").matcher(body);
        return m.find() ? " (error " + m.group(1) + ")" : "";
    }
}
