package org.hpcmfa.keycloak.common.compat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** On the Keycloak the pack is compiled against (26.5, a record) the parts come through; so do those of 26.4's
 *  class with getters (simulated below, and run for real by the version matrix on 26.4.7). */
class AuthResultsTest {

    @Test
    void readsEachPartOfAVerifiedLogin() {
        AccessToken token = new AccessToken();
        AuthResult auth = new AuthResult(null, null, token, null);
        assertSame(token, AuthResults.token(auth));
        assertNull(AuthResults.user(auth));
        assertNull(AuthResults.session(auth));
        assertNull(AuthResults.client(auth));
    }

    /** Keycloak 26.4's AuthResult: a class with getters and no record accessors. */
    public static final class AuthResult264 {
        private final AccessToken token;

        AuthResult264(AccessToken token) {
            this.token = token;
        }

        public AccessToken getToken() {
            return token;
        }
    }

    @Test
    void readsTheGettersOfKeycloak264() {
        AccessToken token = new AccessToken();
        assertSame(token, AuthResults.part(new AuthResult264(token), "token", "getToken", AccessToken.class));
    }

    @Test
    void aShapeWithNeitherAccessorIsAClearError() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> AuthResults.part(new Object(), "token", "getToken", AccessToken.class));
        assertTrue(thrown.getMessage().contains("compatibility table"));
    }
}
