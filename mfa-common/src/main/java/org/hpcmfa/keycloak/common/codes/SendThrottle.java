package org.hpcmfa.keycloak.common.codes;

import java.util.Map;

import org.hpcmfa.keycloak.common.RollingWindowLimit;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Per-user limits on the codes one channel sends (mails, text messages), shared by every login, set-up and
 * terminal prompt of the user on every cluster node through Keycloak's single-use store.
 *
 * <ul>
 * <li>Cooldown: one entry that lives for the cooldown and remembers when the last code left. It is written
 * only once the code has left ({@link #confirmSent}): Keycloak's {@code put} takes effect when the request's
 * transaction commits, so it could not be taken back within the request.</li>
 * <li>Hourly cap: a {@link RollingWindowLimit} of N codes in any 60 minutes.</li>
 * </ul>
 */
public final class SendThrottle {

    private static final int HOUR = 3600;

    public enum Verdict { GRANTED, COOLDOWN, HOURLY_LIMIT }

    /** The outcome of a claim; {@code slot} is the claimed hourly slot when granted. */
    public record Claim(Verdict verdict, int slot, int retryAfterSeconds) {
    }

    private final SingleUseObjectProvider store;
    private final String cooldownKey;
    private final RollingWindowLimit hourly;
    private final int cooldownSeconds;

    /** {@code keyPrefix} is the channel's, e.g. {@code hpc-email-otp}: email and SMS have separate limits. */
    public SendThrottle(SingleUseObjectProvider store, String keyPrefix, String realmId, String userId,
            int cooldownSeconds, int maxPerHour) {
        this.store = store;
        this.cooldownKey = keyPrefix + ":cooldown:" + realmId + ":" + userId;
        this.hourly = new RollingWindowLimit(store, keyPrefix + ":hourly:" + realmId + ":" + userId, maxPerHour, HOUR);
        this.cooldownSeconds = cooldownSeconds;
    }

    public Claim claim(int now) {
        int wait = cooldownRemaining(now);
        if (wait > 0) {
            return new Claim(Verdict.COOLDOWN, -1, wait);
        }
        int slot = hourly.tryAcquire();
        return slot < 0 ? new Claim(Verdict.HOURLY_LIMIT, -1, 0) : new Claim(Verdict.GRANTED, slot, 0);
    }

    /** The code of a granted claim has left: the cooldown starts now. */
    public void confirmSent(int now) {
        if (cooldownSeconds > 0) {
            store.put(cooldownKey, cooldownSeconds, Map.of("sentAt", String.valueOf(now)));
        }
    }

    /** Gives a granted claim back when the code could not be sent, so the user can retry at once. */
    public void release(Claim claim) {
        if (claim.verdict() == Verdict.GRANTED) {
            hourly.release(claim.slot());
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
