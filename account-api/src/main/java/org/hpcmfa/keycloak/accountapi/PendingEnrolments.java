package org.hpcmfa.keycloak.accountapi;

import java.util.HashMap;
import java.util.Map;

import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Set-ups between begin and confirm, in Keycloak's cluster-wide single-use store under an unguessable handle
 * (256 bits), bound to the person who began it. A confirm first claims the handle ({@code putIfAbsent}, atomic on
 * every node), so of parallel confirms exactly one runs; a wrong code gives the claim back until the handle has
 * had {@link #MAX_ATTEMPTS} wrong codes.
 */
final class PendingEnrolments {

    static final int MAX_ATTEMPTS = 5;
    private static final String PREFIX = "hpc-mfa-account.enrolment.";
    private static final String CLAIM = ".claim";
    private static final String USER = "user";
    private static final String METHOD = "method";
    private static final String EXPIRES = "exp";
    private static final String ATTEMPTS = "attempts";
    private static final String NOTE = "n.";

    /** A set-up as stored: whose it is, its method, its method's notes, its wrong codes so far. */
    record Pending(String handle, String userId, String method, long expires, int attempts, Map<String, String> notes) {
    }

    private final SingleUseObjectProvider store;

    PendingEnrolments(SingleUseObjectProvider store) {
        this.store = store;
    }

    String create(UserModel user, String method, Map<String, String> notes, int lifespanSeconds) {
        String handle = SecretGenerator.getInstance().randomString(43);
        store.put(PREFIX + handle, lifespanSeconds, toMap(new Pending(handle, user.getId(), method,
                Time.currentTime() + lifespanSeconds, 0, notes)));
        return handle;
    }

    /**
     * The person's set-up under {@code handle}, claimed for one confirm; refused alike when unknown, expired,
     * another person's, used, or being confirmed by a parallel request, so a handle tells nothing about others.
     */
    Pending claim(UserModel user, String handle) throws ApiRefusal {
        if (handle == null || handle.length() > 64) {
            throw expired();
        }
        Map<String, String> stored = store.get(PREFIX + handle);
        if (stored == null || !user.getId().equals(stored.get(USER))) {
            throw expired();
        }
        long expires = Long.parseLong(stored.get(EXPIRES));
        long left = expires - Time.currentTime();
        if (left <= 0 || !store.putIfAbsent(PREFIX + handle + CLAIM, left + 60)) {
            throw expired();
        }
        Map<String, String> notes = new HashMap<>();
        stored.forEach((k, v) -> {
            if (k.startsWith(NOTE)) {
                notes.put(k.substring(NOTE.length()), v);
            }
        });
        return new Pending(handle, stored.get(USER), stored.get(METHOD), expires,
                Integer.parseInt(stored.getOrDefault(ATTEMPTS, "0")), notes);
    }

    /** The set-up is complete: the handle is gone, and its claim stays so a late confirm finds it used. */
    void complete(Pending pending) {
        store.remove(PREFIX + pending.handle());
    }

    /** A wrong code: counted; the claim is given back while attempts remain, else the handle is void. */
    void failed(Pending pending) {
        int attempts = pending.attempts() + 1;
        long left = pending.expires() - Time.currentTime();
        store.remove(PREFIX + pending.handle());
        if (attempts < MAX_ATTEMPTS && left > 0) {
            store.put(PREFIX + pending.handle(), left, toMap(new Pending(pending.handle(), pending.userId(),
                    pending.method(), pending.expires(), attempts, pending.notes())));
            store.remove(PREFIX + pending.handle() + CLAIM);
        }
    }

    private static Map<String, String> toMap(Pending pending) {
        Map<String, String> map = new HashMap<>();
        pending.notes().forEach((k, v) -> map.put(NOTE + k, v));
        map.put(USER, pending.userId());
        map.put(METHOD, pending.method());
        map.put(EXPIRES, Long.toString(pending.expires()));
        map.put(ATTEMPTS, Integer.toString(pending.attempts()));
        return map;
    }

    static ApiRefusal expired() {
        return new ApiRefusal(400, "expired_enrolment", "This set-up is unknown, expired or already used; "
                + "start it again.");
    }
}
