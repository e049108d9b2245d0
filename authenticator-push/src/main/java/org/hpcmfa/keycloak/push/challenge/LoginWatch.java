package org.hpcmfa.keycloak.push.challenge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * What the waiting login page may learn, by an unguessable watch token: whether one of its challenges has been
 * answered. It learns nothing else (not which answer), so the status endpoint needs no login cookie.
 */
public final class LoginWatch {

    /** What the status check answers; the page stops waiting and submits on every state but PENDING. */
    public enum State {
        PENDING,
        ANSWERED,
        /** Unknown or expired watch token: the page submits, and the login decides what it sees. */
        UNKNOWN;

        /** The name in the status answer and in the page's list of ending states. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean endsWaiting() {
            return this != PENDING;
        }

        /** The wire names of the states that end the waiting, for the page. */
        public static List<String> endingWireNames() {
            return Arrays.stream(values()).filter(State::endsWaiting).map(State::wireName).toList();
        }
    }

    private final SingleUseObjectProvider store;
    private final Challenges challenges;
    private final String realmId;

    public LoginWatch(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.challenges = new Challenges(store, realmId);
        this.realmId = realmId;
    }

    public void watch(String watch, List<String> nonces, int ttlSeconds) {
        store.put(key(watch), ttlSeconds, Map.of("nonces", String.join(",", nonces)));
    }

    public State state(String watch) {
        Map<String, String> notes = watch == null ? null : store.get(key(watch));
        if (notes == null) {
            return State.UNKNOWN;
        }
        boolean answered = Arrays.stream(notes.get("nonces").split(","))
                .anyMatch(nonce -> challenges.outcome(nonce).isPresent());
        return answered ? State.ANSWERED : State.PENDING;
    }

    private String key(String watch) {
        return "hpc-push:watch:" + realmId + ":" + watch;
    }
}
