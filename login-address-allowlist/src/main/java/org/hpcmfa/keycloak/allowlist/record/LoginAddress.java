package org.hpcmfa.keycloak.allowlist.record;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as the firewall lists it: an IPv4 or IPv6 literal, in one canonical spelling (an IPv4-mapped IPv6
 * address as IPv4, IPv6 in RFC 5952's form as nft and Python print it: lower case, the longest run of zero
 * groups as "::"), so one machine is one row. Anything else (a host name, a
 * zone index, a list from a proxy header) is no address: it is never resolved, never recorded.
 */
public final class LoginAddress {

    /** Digits, hex, dots and colons only, so {@link InetAddress#getByName} never asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private LoginAddress() {
    }

    public static Optional<String> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!LITERAL.matcher(trimmed).matches() || !(trimmed.contains(".") || trimmed.contains(":"))) {
            return Optional.empty();
        }
        if (!trimmed.contains(":") && !trimmed.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty(); // "10.1" and "4660" are IPv4 to Java's parser, not to a firewall
        }
        try {
            InetAddress address = InetAddress.getByName(trimmed);
            return Optional.of(address instanceof Inet6Address ? compressed(address.getHostAddress())
                    : address.getHostAddress());
        } catch (UnknownHostException | SecurityException notALiteral) {
            return Optional.empty();
        }
    }

    /** RFC 5952 section 4.2: the longest run of two or more zero groups (the first of equal runs) becomes "::". */
    static String compressed(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
