package org.hpcmfa.keycloak.push.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable tokens by which a waiting page (login or enrolment) asks whether the phone has answered: 192
 * random bits, URL-safe. Knowing one reveals only "answered yet or not".
 */
public final class WatchTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WatchTokens() {
    }

    public static String create() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
