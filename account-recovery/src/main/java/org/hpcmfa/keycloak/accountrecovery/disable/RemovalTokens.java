package org.hpcmfa.keycloak.accountrecovery.disable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The mailed removal tokens of {@code mfa rm}: 12 characters short enough to paste ({@code XXXX-XXXX-XXXX}, about
 * 59 bits, no look-alike characters), kept only as their SHA-256 in Keycloak's cluster-wide single-use store, bound
 * to the user and to exactly the factors listed. The entry outlives the validity by an hour so a late paste is told
 * "expired" rather than "unknown"; confirming removes it atomically, so of parallel confirms exactly one wins.
 */
final class RemovalTokens {

    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 12;
    private static final int GRACE_SECONDS = 3600;
    private static final String PREFIX = "hpc-mfa-removal.";
    private static final String USER = "user";
    private static final String FACTORS = "factors";
    private static final String EXPIRES = "exp";
    private static final String ID = "id";

    /** A stored token's facts. */
    record Bound(String key, String tokenId, String userId, List<String> credentialIds, long expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final SingleUseObjectProvider store;
    private final String realmId;

    RemovalTokens(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    /** Stores a new token for the user's {@code credentialIds}; returns {token, tokenId}. */
    String[] issue(String userId, List<String> credentialIds, int validitySeconds) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                token.append('-');
            }
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String tokenId = HexFormat.of().formatHex(bytes(8));
        Map<String, String> notes = new HashMap<>();
        notes.put(USER, userId);
        notes.put(FACTORS, String.join(",", credentialIds));
        notes.put(EXPIRES, Long.toString(Time.currentTime() + validitySeconds));
        notes.put(ID, tokenId);
        store.put(key(token.toString()), validitySeconds + GRACE_SECONDS, notes);
        return new String[] {token.toString(), tokenId};
    }

    /** The token's facts without using it up, or null when unknown (mistyped, used, or never issued). */
    Bound find(String typed) {
        String normalized = normalize(typed);
        if (normalized == null) {
            return null;
        }
        String key = key(normalized);
        Map<String, String> notes = store.get(key);
        if (notes == null) {
            return null;
        }
        String ids = notes.get(FACTORS);
        return new Bound(key, notes.get(ID), notes.get(USER),
                ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
                Long.parseLong(notes.get(EXPIRES)));
    }

    /** Uses the token up; false when a parallel request did first. */
    boolean claim(Bound bound) {
        return store.remove(bound.key()) != null;
    }

    /** Upper case, without dashes and spaces; null unless it has the token's length and alphabet. */
    static String normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String plain = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (plain.length() != LENGTH || !plain.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8);
    }

    private String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + realmId + "." + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
