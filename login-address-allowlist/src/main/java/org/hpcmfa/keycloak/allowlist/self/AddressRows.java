package org.hpcmfa.keycloak.allowlist.self;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddressEntity;

/**
 * A person's addresses as pages and the admin tab show them: address, first and last two-factor login, until when
 * the firewall allows it, and through what. Times in UTC, language-neutral ("2026-12-03 19:30 UTC").
 */
public final class AddressRows {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AddressRows() {
    }

    /** The rows still allowed at {@code now}, most recently seen first. */
    public static List<Map<String, Object>> of(List<LoginAddressEntity> rows, AllowlistSettings settings, long now) {
        long since = settings.allowedSince(now);
        return rows.stream().filter(r -> r.getLastSeen() >= since).map(r -> row(r, settings)).toList();
    }

    private static Map<String, Object> row(LoginAddressEntity entity, AllowlistSettings settings) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("address", entity.getAddress());
        row.put("firstSeen", when(entity.getFirstSeen()));
        row.put("lastSeen", when(entity.getLastSeen()));
        row.put("allowedUntil", when(entity.getLastSeen() + settings.days() * 86_400L));
        row.put("source", entity.getSource());
        return row;
    }

    public static String when(long epochSeconds) {
        return WHEN.format(Instant.ofEpochSecond(epochSeconds));
    }
}
