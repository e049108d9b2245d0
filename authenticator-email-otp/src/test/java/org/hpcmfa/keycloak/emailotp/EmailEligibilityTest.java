package org.hpcmfa.keycloak.emailotp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EmailEligibilityTest {

    @Test
    void exactDomainsMatchOnlyThemselves() {
        assertTrue(EmailEligibility.domainAllowed("ada@mila.quebec", List.of("mila.quebec")));
        assertTrue(EmailEligibility.domainAllowed("ada@MILA.Quebec", List.of("mila.quebec")));
        assertFalse(EmailEligibility.domainAllowed("ada@cs.mila.quebec", List.of("mila.quebec")));
        assertFalse(EmailEligibility.domainAllowed("ada@evilmila.quebec", List.of("mila.quebec")));
        assertFalse(EmailEligibility.domainAllowed("no-at-sign", List.of("mila.quebec")));
    }

    @Test
    void wildcardDomainsAcceptSubdomains() {
        List<String> allowed = List.of("*.kuleuven.be");
        assertTrue(EmailEligibility.domainAllowed("ada@kuleuven.be", allowed));
        assertTrue(EmailEligibility.domainAllowed("ada@student.kuleuven.be", allowed));
        assertFalse(EmailEligibility.domainAllowed("ada@notkuleuven.be", allowed));
    }
}
