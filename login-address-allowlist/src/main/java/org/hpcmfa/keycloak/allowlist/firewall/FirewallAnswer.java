package org.hpcmfa.keycloak.allowlist.firewall;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddressEntity;
import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /realms/{realm}/login-addresses/firewall} (JSON) and {@code .../firewall.txt} (one address a line):
 * the addresses whose last two-factor login is at most the realm's days old, for a firewall client. Both answers
 * carry an {@code ETag}; a client that sends it back ({@code If-None-Match}) gets {@code 304 Not Modified}.
 * Refusals are JSON with a stable code and a CLIENT_LOGIN_ERROR event {@code login_address_<code>}.
 */
public final class FirewallAnswer {

    private final KeycloakSession session;
    private final RealmModel realm;

    public FirewallAnswer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** {@code kind}: "json" or "text". */
    public Response answer(String kind) {
        AllowlistSettings settings = AllowlistSettings.of(realm);
        try {
            if (!settings.enabled()) {
                throw new FirewallRefusal(404, "allowlist_disabled", "The login-address allow-list is off in realm "
                        + realm.getName() + ": an admin turns it on in Realm settings, Login address allow-list.");
            }
            FirewallClient.authenticate(session, realm, settings);
        } catch (FirewallRefusal refusal) {
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.CLIENT_LOGIN)
                    .detail(Details.REASON, refusal.getMessage())
                    .error(EventErrors.Capability.LOGIN_ADDRESS.error(refusal.error()));
            return refusal.response();
        }
        FirewallList list = FirewallList.of(new LoginAddresses(session, realm.getId())
                .seenSince(settings.allowedSince(Time.currentTime())).stream().map(LoginAddressEntity::getAddress)
                .toList(), settings.days());
        String etag = list.etag(kind);
        HttpHeaders headers = session.getContext().getRequestHeaders();
        Response.ResponseBuilder answer;
        if (FirewallList.unchanged(headers, etag)) {
            answer = Response.notModified();
        } else if ("text".equals(kind)) {
            answer = Response.ok(list.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"));
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("days", list.days());
            body.put("ipv4", list.ipv4());
            body.put("ipv6", list.ipv6());
            answer = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        }
        // Stored copies must be checked every time: a removal has to reach the firewall at the next sync.
        return answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
