package org.hpcmfa.keycloak.it.sshterminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** A TOTP code from a phone whose clock is off, typed at the SSH prompt: refused, with the clock hint. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class TerminalTotpClockSkewIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    private void terminalSetting(String key, String value) {
        assertTrue(TerminalSettingsAdmin.set(realm.admin(), key, value) < 300, key);
    }

    @Test
    void theReplyTellsToFixThePhonesClockAndTheFailureCounts() throws Exception {
        TerminalApi api = new TerminalApi(realm.getBaseUrl());
        String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String user = TestUsers.create(realm.admin(), "skew-ssh", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);

        TerminalApi.Reply ahead = api.finish(token, api.start(token, user).text("handle"),
                TestUsers.totp(TestUsers.TOTP_SECRET, -10));
        assertEquals(401, ahead.status(), ahead.body().toString());
        assertEquals("invalid_user_credentials", ahead.text("error"));
        assertTrue(ahead.text("message").contains("off by about 5 minutes: set it to automatic time synchronization"),
                ahead.body().toString());
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId));
        EventRepresentation event = PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").get(0);
        assertTrue(List.of("-300", "-330").contains(event.getDetails().get("totp_clock_skew_seconds")),
                String.valueOf(event.getDetails()));

        // A code of the future (a phone 5 minutes fast, or a lucky guess) is never confirmed: the plain refusal.
        Thread.sleep(1100); // Keycloak's quick-login check: a second failure within a second locks the user
        TerminalApi.Reply future = api.finish(token, api.start(token, user).text("handle"),
                TestUsers.totp(TestUsers.TOTP_SECRET, 10));
        assertEquals(401, future.status(), future.body().toString());
        assertEquals("Wrong or expired code. Login refused.", future.text("message"));

        terminalSetting("terminal-totp-clock-skew-hint", "false");
        try {
            Thread.sleep(1100); // Keycloak's quick-login check: a second failure within a second locks the user
            TerminalApi.Reply plain = api.finish(token, api.start(token, user).text("handle"),
                    TestUsers.totp(TestUsers.TOTP_SECRET, -10));
            assertEquals(401, plain.status(), plain.body().toString());
            assertEquals("Wrong or expired code. Login refused.", plain.text("message"));
        } finally {
            terminalSetting("terminal-totp-clock-skew-hint", "true");
        }
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        assertEquals(3, ((Number) status.get("numFailures")).intValue(), String.valueOf(status));
    }
}
