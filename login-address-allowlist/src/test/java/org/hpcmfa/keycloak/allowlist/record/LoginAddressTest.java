package org.hpcmfa.keycloak.allowlist.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginAddressTest {

    @Test
    void addressesGetOneSpellingAsNftAndPythonPrintThem() {
        assertEquals(Optional.of("192.0.2.7"), LoginAddress.canonical(" 192.0.2.7 "));
        assertEquals(Optional.of("192.0.2.7"), LoginAddress.canonical("::ffff:192.0.2.7"));
        assertEquals(Optional.of("2001:db8::1"), LoginAddress.canonical("2001:DB8:0:0:0:0:0:1"));
        assertEquals(Optional.of("2001:db8::1"), LoginAddress.canonical("[2001:db8::1]"));
        assertEquals(Optional.of("::1"), LoginAddress.canonical("0:0:0:0:0:0:0:1"));
        assertEquals(Optional.of("::"), LoginAddress.canonical("::"));
        assertEquals(Optional.of("2001:db8::1:0:0:1"), LoginAddress.canonical("2001:db8:0:0:1:0:0:1"));
        assertEquals(Optional.of("2001:db8:0:1:1:1:1:1"), LoginAddress.canonical("2001:db8:0:1:1:1:1:1"));
        assertEquals(Optional.of("fe80::"), LoginAddress.canonical("fe80:0:0:0:0:0:0:0"));
    }

    @Test
    void whatIsNotAnAddressLiteralIsNothingAndNeverResolved() {
        for (String notAnAddress : new String[] {null, "", "localhost", "mfa.example.org", "10.1", "4660",
                "1.2.3.4, 5.6.7.8", "fe80::1%eth0", "1.2.3.4 }; flush ruleset", "999.1.1.1", "abc"}) {
            assertEquals(Optional.empty(), LoginAddress.canonical(notAnAddress), String.valueOf(notAnAddress));
        }
    }
}
