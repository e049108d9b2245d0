package org.hpcmfa.keycloak.sshcert.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import org.junit.jupiter.api.Test;

/** The conditional-request rules of the KRL endpoint (RFC 9110 section 13). */
class KrlAnswerTest {

    private static final RevocationList.Version VERSION = new RevocationList.Version("\"krl-abc\"", 1_764_720_000L);

    private static HttpHeaders headers(Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(KrlAnswerTest.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndTheStar() {
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "\"krl-abc\"")), VERSION));
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "W/\"krl-abc\"")), VERSION));
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "\"x\", \"krl-abc\"")), VERSION));
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "*")), VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "\"krl-abd\"")), VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "krl-abc")), VERSION), "unquoted is no tag");
        assertFalse(KrlAnswer.unchanged(headers(Map.of()), VERSION));
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        String at = KrlAnswer.httpDate(VERSION.lastModified());
        assertEquals("Wed, 03 Dec 2025 00:00:00 GMT", at);
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-Modified-Since", at)), VERSION));
        assertTrue(KrlAnswer.unchanged(headers(Map.of("If-Modified-Since", KrlAnswer.httpDate(VERSION.lastModified() + 60))),
                VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-Modified-Since", KrlAnswer.httpDate(VERSION.lastModified() - 1))),
                VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-None-Match", "\"other\"", "If-Modified-Since", at)), VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-Modified-Since", "yesterday")), VERSION));
        assertFalse(KrlAnswer.unchanged(headers(Map.of("If-Modified-Since", at)),
                new RevocationList.Version("\"krl-abc\"", 0)), "a list never changed has no date to compare");
    }
}
