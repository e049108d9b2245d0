package org.hpcmfa.keycloak.common.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void onlyTheFirstLetterAndTheDomainAreShown() {
        assertEquals("a***@example.org", EmailAddresses.masked("alice.smith@example.org"));
        assertEquals("***@example.org", EmailAddresses.masked("a@example.org"), "a one-letter name would be shown whole");
        assertEquals("***", EmailAddresses.masked("not-an-address"));
        assertEquals("***", EmailAddresses.masked(null));
    }
}
