package org.hpcmfa.keycloak.emailotp.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmailCodeTerminalFactorTest {

    @Test
    void theTerminalShowsOnlyTheFirstLetterAndTheDomain() {
        assertEquals("a***@example.org", EmailCodeTerminalFactor.masked("alice.smith@example.org"));
        assertEquals("***@example.org", EmailCodeTerminalFactor.masked("a@example.org"));
        assertEquals("***", EmailCodeTerminalFactor.masked("not-an-address"));
    }
}
