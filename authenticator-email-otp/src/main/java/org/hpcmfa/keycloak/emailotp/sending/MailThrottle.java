package org.hpcmfa.keycloak.emailotp.sending;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Per-user limits on code mails, shared by every login of the user on every cluster node through Keycloak's
 * single-use store.
 *
 * <ul>
 * <li>Cooldown: one entry that lives for the cooldown and remembers when the last mail left. It is written
 * only once the mail has left ({@link #confirmSent}): Keycloak's {@code put} takes effect when the request's
 * transaction commits, so it could not be taken back within the request.</li>
 * <li>Hourly cap: N slot entries that each live one hour. Sending claims a free slot with the store's atomic,
 * immediate {@code putIfAbsent}, so no two nodes can take the same slot and at most N mails leave in any
 * 60 minutes.</li>
 * </ul>
 */
public final class MailThrottle {

    private static final int HOUR = 3600;

    public enum Verdict { GRANTED, COOLDOWN, HOURLY_LIMIT }

    /** The outcome of a claim; {@code slot} is the claimed hourly slot when granted. */
    public record Claim(Verdict verdict, int slot, int retryAfterSeconds) {
    }

    private final SingleUseObjectProvider store;
    private final String cooldownKey;
    private final String slotKeyPrefix;
    private final int cooldownSeconds;
    private final int maxPerHour;

    public MailThrottle(SingleUseObjectProvider store, String realmId, String userId, int cooldownSeconds,
            int maxPerHour) {
        this.store = store;
        this.cooldownKey = "hpc-email-otp:cooldown:" + realmId + ":" + userId;
        this.slotKeyPrefix = "hpc-email-otp:hourly:" + realmId + ":" + userId + ":";
        this.cooldownSeconds = cooldownSeconds;
        this.maxPerHour = maxPerHour;
    }

    public Claim claim(int now) {
        int wait = cooldownRemaining(now);
        if (wait > 0) {
            return new Claim(Verdict.COOLDOWN, -1, wait);
        }
        for (int slot = 0; slot < maxPerHour; slot++) {
            if (store.putIfAbsent(slotKeyPrefix + slot, HOUR)) {
                return new Claim(Verdict.GRANTED, slot, 0);
            }
        }
        return new Claim(Verdict.HOURLY_LIMIT, -1, 0);
    }

    /** The mail of a granted claim has left: the cooldown starts now. */
    public void confirmSent(int now) {
        if (cooldownSeconds > 0) {
            store.put(cooldownKey, cooldownSeconds, Map.of("sentAt", String.valueOf(now)));
        }
    }

    /** Gives a granted claim back when the mail could not be sent, so the user can retry at once. */
    public void release(Claim claim) {
        if (claim.verdict() == Verdict.GRANTED) {
            store.remove(slotKeyPrefix + claim.slot());
        }
    }

    public int cooldownRemaining(int now) {
        Map<String, String> entry = store.get(cooldownKey);
        if (entry == null || entry.get("sentAt") == null) {
            return 0;
        }
        try {
            int sentAt = Integer.parseInt(entry.get("sentAt"));
            return Math.max(0, Math.min(cooldownSeconds, sentAt + cooldownSeconds - now));
        } catch (NumberFormatException corrupt) {
            return cooldownSeconds;
        }
    }
}
