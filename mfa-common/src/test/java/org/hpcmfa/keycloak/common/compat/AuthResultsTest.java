package org.hpcmfa.keycloak.common.compat;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** On the Keycloak the pack is compiled against (26.5, a record) the parts come through; 26.4's getters are
 *  exercised by the version matrix (SshCertificateIT and SshTerminalPromptIT on 26.4.7). */
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
}
