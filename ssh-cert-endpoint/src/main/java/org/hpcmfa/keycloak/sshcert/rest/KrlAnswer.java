package org.hpcmfa.keycloak.sshcert.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET ssh-ca/krl} with HTTP validators: every answer carries {@code ETag} and (once anything was revoked)
 * {@code Last-Modified}; a login node that sends them back ({@code If-None-Match}, or {@code If-Modified-Since}
 * alone) gets {@code 304 Not Modified}. While nothing changed, neither answer reads the database ({@link CachedKrl}).
 */
final class KrlAnswer {

    static final String MEDIA_TYPE = "application/octet-stream";
    /** IMF-fixdate (RFC 9110 5.6.7): two-digit day, English names, GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private KrlAnswer() {
    }

    static Response answer(KeycloakSession session, RealmModel realm, HttpHeaders headers, long now) {
        RevocationList.Built list = CachedKrl.current(session, realm, now);
        RevocationList.Version version = list.version();
        Response.ResponseBuilder answer = unchanged(headers, version)
                ? Response.notModified()
                : Response.ok(list.bytes(), MEDIA_TYPE);
        answer.header(HttpHeaders.ETAG, version.etag())
                // Stored copies must be checked every time: a revocation has to reach the servers at once.
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (version.lastModified() > 0) {
            answer.header(HttpHeaders.LAST_MODIFIED, httpDate(version.lastModified()));
        }
        return answer.build();
    }

    /** RFC 9110 13.1.2/13.1.3: If-None-Match decides when present (weak comparison); If-Modified-Since otherwise. */
    static boolean unchanged(HttpHeaders headers, RevocationList.Version version) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                    .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(version.etag()));
        }
        String ifModifiedSince = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || version.lastModified() == 0) {
            return false;
        }
        try {
            long since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            return version.lastModified() <= since;
        } catch (DateTimeParseException garbled) {
            return false; // an unreadable date is ignored, as RFC 9110 asks
        }
    }

    static String httpDate(long epochSeconds) {
        return HTTP_DATE.format(Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC));
    }
}
