package org.hpcmfa.keycloak.allowlist.firewall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * The addresses the firewall allows, each once (several people may share one), IPv4 before IPv6, and the list's
 * strong validator: a hash of the content, so every node of a cluster answers the same ETag for the same list, and
 * the ETag changes when an address comes, goes or expires.
 */
record FirewallList(List<String> ipv4, List<String> ipv6, int days) {

    static FirewallList of(Collection<String> addresses, int days) {
        TreeSet<String> v4 = new TreeSet<>();
        TreeSet<String> v6 = new TreeSet<>();
        for (String address : addresses) {
            (address.contains(":") ? v6 : v4).add(address);
        }
        return new FirewallList(List.copyOf(v4), List.copyOf(v6), days);
    }

    List<String> all() {
        List<String> all = new java.util.ArrayList<>(ipv4);
        all.addAll(ipv6);
        return all;
    }

    /** One address a line, for scripts that read lines. */
    String text() {
        StringBuilder lines = new StringBuilder();
        all().forEach(a -> lines.append(a).append('\n'));
        return lines.toString();
    }

    /** {@code kind} keeps the JSON and text answers' validators apart, as RFC 9110 asks of representations. */
    String etag(String kind) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\n" + days + "\n" + text()).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** RFC 9110 13.1.2: If-None-Match names this version (weak comparison), or "*". */
    static boolean unchanged(HttpHeaders headers, String etag) {
        String ifNoneMatch = headers == null ? null : headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
